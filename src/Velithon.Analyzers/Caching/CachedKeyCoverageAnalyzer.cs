using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Velithon.CodeAnalysis;

namespace Velithon.Analyzers.Caching;

/// <summary>
/// VLG310-VLG312: proves at compile time that the cache key covers what a <c>[VelithonCached]</c> handler reads. A query
/// parameter <c>VaryByQuery</c> leaves out (VLG310) or a request header <c>VaryByHeader</c> does not name (VLG311) would
/// make one response serve every value of it; the body, headers by a name not visible, or a request handed to other code
/// cannot be proven keyed (VLG312). Cookies are VLG308's, the user VLG306's; route values are in the key with the path.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CachedKeyCoverageAnalyzer : DiagnosticAnalyzer
{

    /// <summary>Headers other rules or the cache itself take care of.</summary>
    private static readonly string[] HeadersHandledElsewhere = ["Cookie", "Authorization", "Host", "If-None-Match", "If-Modified-Since"];

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.CachedReadsUnkeyedQuery,
        DiagnosticDescriptors.CachedReadsUnkeyedHeader,
        DiagnosticDescriptors.CachedReadsUnprovenInput);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(VelithonMetadataNames.VelithonCachedAttribute) is null)
            {
                return;
            }

            // The handler, not the attribute: what is reported (a read in the body) lies inside the node analyzed.
            start.RegisterSyntaxNodeAction(
                AnalyzeHandler, SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement, SyntaxKind.ClassDeclaration);
            start.RegisterSyntaxNodeAction(AnalyzeFluentPolicy, SyntaxKind.InvocationExpression);
        });
    }

    private static void AnalyzeHandler(SyntaxNodeAnalysisContext context)
    {
        SyntaxList<AttributeListSyntax> lists = context.Node switch
        {
            ParenthesizedLambdaExpressionSyntax lambda => lambda.AttributeLists,
            MemberDeclarationSyntax member => member.AttributeLists,
            LocalFunctionStatementSyntax local => local.AttributeLists,
            _ => default,
        };
        foreach (AttributeSyntax attribute in lists.SelectMany(l => l.Attributes))
        {
            if (AttributeNames.Is(attribute.Name, "VelithonCached")
                && context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol?.ContainingType?.ToDisplayString() == VelithonMetadataNames.VelithonCachedAttribute)
            {
                AnalyzeAttribute(context, attribute);
            }
        }
    }

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context, AttributeSyntax attribute)
    {
        // A named policy's lists are combined with the attribute's; one that cannot be read from the source leaves only
        // what no list can key (the body, a request handed elsewhere) reported.
        VaryByList query = VaryByList.Read(attribute, "VaryByQuery", context.SemanticModel, context.CancellationToken);
        VaryByList headers = VaryByList.Read(attribute, "VaryByHeader", context.SemanticModel, context.CancellationToken);
        if (NamedCachePolicy.IsNamed(attribute))
        {
            NamedCachePolicy.Policy? policy = NamedCachePolicy.Resolve(attribute, context.SemanticModel, context.CancellationToken);
            query = VaryByList.Combine(query, policy?.Query ?? VaryByList.NotVisible);
            headers = VaryByList.Combine(headers, policy?.Headers ?? VaryByList.NotVisible);
        }

        foreach (CachedHandlerSite site in CachedHandlerSite.Of(attribute, context.SemanticModel))
        {
            CheckSite(context, site, query, headers, attribute.GetLocation());
        }
    }

    /// <summary><c>app.MapGet("/p", (…) => …).CacheWithVelithon(p => p.VaryByQuery("page"))</c>: the lambda against the builder's lists.</summary>
    private static void AnalyzeFluentPolicy(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CacheWithVelithon" } access)
        {
            return;
        }

        InvocationExpressionSyntax? map = null;
        for (ExpressionSyntax current = access.Expression; current is InvocationExpressionSyntax call && call.Expression is MemberAccessExpressionSyntax member; current = member.Expression)
        {
            if (member.Name.Identifier.ValueText.StartsWith("Map", StringComparison.Ordinal))
            {
                map = member.Name.Identifier.ValueText == "MapGroup" ? null : call;
                break;
            }
        }

        // An inline lambda only (a method group's reads are elsewhere), and not one whose own attribute is the policy.
        if (map?.ArgumentList.Arguments.LastOrDefault()?.Expression is not ParenthesizedLambdaExpressionSyntax lambda
            || lambda.AttributeLists.SelectMany(l => l.Attributes).Any(a => AttributeNames.Is(a.Name, "VelithonCached")))
        {
            return;
        }

        // CacheWithVelithon("policy", p => ...): the named policy's lists combined with the lambda's (see AnalyzeAttribute).
        ExpressionSyntax? first = invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression;
        bool named = first is not null && context.SemanticModel.GetTypeInfo(first, context.CancellationToken).Type?.SpecialType == SpecialType.System_String;
        ExpressionSyntax? configure = named ? invocation.ArgumentList.Arguments.Skip(1).FirstOrDefault()?.Expression : first;
        VaryByList query = VaryByList.ReadFluent(configure, "VaryByQuery", context.SemanticModel, context.CancellationToken);
        VaryByList headers = VaryByList.ReadFluent(configure, "VaryByHeader", context.SemanticModel, context.CancellationToken);
        if (named)
        {
            NamedCachePolicy.Policy? policy = context.SemanticModel.GetConstantValue(first!, context.CancellationToken) is { HasValue: true, Value: string name }
                ? NamedCachePolicy.Resolve(name, context.Compilation, context.CancellationToken)
                : null;
            query = VaryByList.Combine(query, policy?.Query ?? VaryByList.NotVisible);
            headers = VaryByList.Combine(headers, policy?.Headers ?? VaryByList.NotVisible);
        }

        CheckSite(context, CachedHandlerSite.ForMapped(lambda, context.SemanticModel), query, headers, policy: null);
    }

    /// <summary>Reports what <paramref name="site"/> reads and the lists leave out; <paramref name="policy"/> is the attribute the code fix edits.</summary>
    private static void CheckSite(SyntaxNodeAnalysisContext context, CachedHandlerSite site, VaryByList query, VaryByList headers, Location? policy)
    {
        Location[] additional = policy is null ? [] : [policy];
        foreach (RequestInput input in RequestInputReader.Read(site, context.SemanticModel, context.CancellationToken))
        {
            if (Check(input, query, headers) is { } finding)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    finding.Descriptor, input.Location, additional, policy is null ? null : finding.Properties, site.Name, finding.Message));
            }
        }
    }

    private static Finding? Check(RequestInput input, VaryByList query, VaryByList headers)
    {
        switch (input.Kind)
        {
            // VaryByQuery not set keys every query parameter; a list that is not constant cannot be checked.
            case RequestInputKind.Query when query.Names is null:
                return null;
            case RequestInputKind.Query when input.Name is null:
                return new Finding(
                    DiagnosticDescriptors.CachedReadsUnkeyedQuery,
                    "reads the whole query (" + input.What + ") but VaryByQuery = [" + string.Join(", ", query.Names) + "] keys only those: leave VaryByQuery unset to key every parameter, or read only the parameters it names",
                    ImmutableDictionary<string, string?>.Empty);
            case RequestInputKind.Query when !query.Contains(input.Name, ignoreCase: true):
                return new Finding(
                    DiagnosticDescriptors.CachedReadsUnkeyedQuery,
                    "reads the query parameter '" + input.Name + "' (" + input.What + ") that VaryByQuery does not name: the response for one value would be served for every other",
                    VaryByFix.Properties("VaryByQuery", input.Name));
            case RequestInputKind.Header when headers.Unknown:
                return null;
            case RequestInputKind.Header when input.Name is null:
                return new Finding(
                    DiagnosticDescriptors.CachedReadsUnprovenInput,
                    "reads request headers by a name this check cannot see (" + input.What + "): make sure VaryByHeader names every header the response depends on",
                    ImmutableDictionary<string, string?>.Empty);
            case RequestInputKind.Header when HeadersHandledElsewhere.Contains(input.Name, StringComparer.OrdinalIgnoreCase) || headers.Contains(input.Name, ignoreCase: true):
                return null;
            case RequestInputKind.Header:
                return new Finding(
                    DiagnosticDescriptors.CachedReadsUnkeyedHeader,
                    "reads the request header '" + input.Name + "' (" + input.What + ") that VaryByHeader does not name: the response for one value would be served for every other",
                    VaryByFix.Properties("VaryByHeader", input.Name));
            case RequestInputKind.Body:
                return new Finding(
                    DiagnosticDescriptors.CachedReadsUnprovenInput,
                    "reads the request body (" + input.What + "), which is never part of the cache key: a response built from one body would be served for another",
                    ImmutableDictionary<string, string?>.Empty);
            case RequestInputKind.Unseen:
                return new Finding(
                    DiagnosticDescriptors.CachedReadsUnprovenInput,
                    "passes the request to '" + input.Name + "' (" + input.What + "), whose reads this check does not follow: make sure the key covers what it reads",
                    ImmutableDictionary<string, string?>.Empty);
            default:
                return null;
        }
    }

    private sealed record Finding(DiagnosticDescriptor Descriptor, string Message, ImmutableDictionary<string, string?> Properties);
}
