using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Velithon.CodeAnalysis;

namespace Velithon.Analyzers.Caching;

/// <summary>
/// VLG308-VLG309: what the cache cannot see at run time and the source shows: request cookies a cached handler reads
/// that are not in the key (VLG308), and endpoint filters on a cached minimal-API endpoint, which make the cache refuse
/// to serve it (VLG309).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CachedEndpointInputsAnalyzer : DiagnosticAnalyzer
{
    private const string CookieCollectionMetadataName = "Microsoft.AspNetCore.Http.IRequestCookieCollection";
    private const string HeaderDictionaryMetadataName = "Microsoft.AspNetCore.Http.IHeaderDictionary";

    /// <summary>How far a group variable is followed back to the groups it was made from.</summary>
    private const int MaxGroupDepth = 8;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.CachedReadsCookies,
        DiagnosticDescriptors.CachedWithEndpointFilters);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);

        // Nothing to check in a compilation that does not reference Velithon: register nothing, cost nothing.
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(VelithonMetadataNames.VelithonCachedAttribute) is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(AnalyzeAttribute, SyntaxKind.Attribute);
            start.RegisterSyntaxNodeAction(AnalyzeMapCall, SyntaxKind.InvocationExpression);
        });
    }

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (!AttributeNames.Is(attribute.Name, "VelithonCached")
            || context.SemanticModel.GetSymbolInfo(attribute, context.CancellationToken).Symbol?.ContainingType?.ToDisplayString() != VelithonMetadataNames.VelithonCachedAttribute)
        {
            return;
        }

        VaryByList declared = VaryByList.Read(attribute, "VaryByCookie", context.SemanticModel, context.CancellationToken);
        if (NamedCachePolicy.IsNamed(attribute))
        {
            declared = VaryByList.Combine(declared, NamedCachePolicy.Resolve(attribute, context.SemanticModel, context.CancellationToken)?.Cookies ?? VaryByList.NotVisible);
        }

        if (declared.Unknown)
        {
            return;
        }

        foreach (CachedHandlerSite site in CachedHandlerSite.Of(attribute, context.SemanticModel))
        {
            CheckCookies(context, attribute, declared, site.Name, site.Parameters, site.Body);
        }
    }

    private static void CheckCookies(SyntaxNodeAnalysisContext context, AttributeSyntax attribute, VaryByList declared, string handler, ParameterListSyntax? parameters, SyntaxNode? body)
    {
        SemanticModel model = context.SemanticModel;
        var reads = new List<string?>(); // a cookie name, or null for a read the name of which is not a constant
        string? firstRead = null;
        foreach (ParameterSyntax parameter in parameters?.Parameters ?? default)
        {
            if (parameter.Type is not null && model.GetTypeInfo(parameter.Type, context.CancellationToken).Type?.ToDisplayString() == CookieCollectionMetadataName)
            {
                reads.Add(null);
                firstRead ??= "takes the request cookies ('" + parameter.Identifier.ValueText + "')";
            }
        }

        foreach (SimpleNameSyntax name in body?.DescendantNodes().OfType<SimpleNameSyntax>() ?? Enumerable.Empty<SimpleNameSyntax>())
        {
            if (name.Identifier.ValueText is not ("Cookies" or "Cookie")
                || model.GetSymbolInfo(name, context.CancellationToken).Symbol is not IPropertySymbol property)
            {
                continue;
            }

            if (property.Type.ToDisplayString() == CookieCollectionMetadataName)
            {
                string? cookie = RequestInputReader.KeyOf(name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : name, model, context.CancellationToken, out _);
                reads.Add(cookie);
                firstRead ??= cookie is null ? "reads the request cookies" : "reads the cookie '" + cookie + "'";
            }
            else if (property.Name == "Cookie" && property.ContainingType.ToDisplayString() == HeaderDictionaryMetadataName)
            {
                reads.Add(null);
                firstRead ??= "reads the Cookie header";
            }
        }

        if (firstRead is null)
        {
            return;
        }

        if (declared.Names is null)
        {
            string[] named = [.. reads.OfType<string>().Distinct()];
            Report(firstRead + " without VaryByCookie: every request that carries a cookie bypasses the cache; name the cookies the response depends on in VaryByCookie", named);
            return;
        }

        foreach (string? read in reads.Distinct())
        {
            if (read is null)
            {
                Report("reads cookies by a name the analyzer cannot see, against VaryByCookie = [" + string.Join(", ", declared.Names) + "]: make sure every cookie the response depends on is named there");
            }
            else if (!declared.Names.Contains(read))
            {
                Report("reads the cookie '" + read + "' that VaryByCookie does not name: one value's response would be served for every other", [read]);
            }
        }

        void Report(string detail, params string[] cookies) =>
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.CachedReadsCookies, attribute.GetLocation(), VaryByFix.Properties("VaryByCookie", cookies), handler, detail));
    }

    /// <summary>A map call (not MapGroup) whose endpoint is cached and has endpoint filters on itself or its groups.</summary>
    private static void AnalyzeMapCall(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name: { } name } access
            || !name.Identifier.ValueText.StartsWith("Map", StringComparison.Ordinal)
            || name.Identifier.ValueText == "MapGroup"
            || invocation.ArgumentList.Arguments.Count < 2)
        {
            return;
        }

        SemanticModel model = context.SemanticModel;
        (bool cached, bool skips, Location location) = CachedHandler(invocation, model, context.CancellationToken);
        foreach (InvocationExpressionSyntax call in ChainAbove(invocation))
        {
            string method = MethodName(call);
            if (method == "CacheWithVelithon")
            {
                cached = true;
                skips |= call.ArgumentList.DescendantNodes().OfType<SimpleNameSyntax>().Any(n => n.Identifier.ValueText == "SkipEndpointFiltersOnHit");
            }
        }

        if (!cached || skips)
        {
            return;
        }

        string? filter = ChainAbove(invocation).Select(c => FilterCall(c)).FirstOrDefault(f => f is not null)
            ?? GroupFilter(access.Expression, invocation, model, 0, context.CancellationToken);
        if (filter is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CachedWithEndpointFilters, location, HandlerName(invocation), filter));
        }
    }

    /// <summary>Whether the map call's handler carries [VelithonCached], whether that sets SkipEndpointFiltersOnHit, and where to report.</summary>
    private static (bool Cached, bool Skips, Location Location) CachedHandler(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        Location location = ((MemberAccessExpressionSyntax)invocation.Expression).Name.GetLocation();
        foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
        {
            SymbolInfo info = model.GetSymbolInfo(argument.Expression, cancellationToken);
            if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is not IMethodSymbol handler)
            {
                continue;
            }

            foreach (AttributeData data in handler.GetAttributes())
            {
                if (data.AttributeClass?.ToDisplayString() == VelithonMetadataNames.VelithonCachedAttribute)
                {
                    bool skips = data.NamedArguments.Any(a => a.Key == "SkipEndpointFiltersOnHit" && a.Value.Value is true);
                    AttributeSyntax? written = (argument.Expression as ParenthesizedLambdaExpressionSyntax)?.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => AttributeNames.Is(a.Name, "VelithonCached"));
                    return (true, skips, written?.GetLocation() ?? location);
                }
            }
        }

        return (false, false, location);
    }

    /// <summary>A filter added to the group the endpoint is mapped on: in its chain, or on the variable that holds it.</summary>
    private static string? GroupFilter(ExpressionSyntax receiver, SyntaxNode site, SemanticModel model, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxGroupDepth)
        {
            return null;
        }

        // app.MapGroup("/g").AddEndpointFilter(f).MapGet(...): the receiver's own chain.
        for (ExpressionSyntax current = receiver; current is InvocationExpressionSyntax call && call.Expression is MemberAccessExpressionSyntax member; current = member.Expression)
        {
            if (FilterCall(call) is { } inChain)
            {
                return inChain;
            }
        }

        ExpressionSyntax root = receiver;
        while (root is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax inner })
        {
            root = inner.Expression;
        }

        if (root is not IdentifierNameSyntax identifier || model.GetSymbolInfo(identifier, cancellationToken).Symbol is not ILocalSymbol local)
        {
            return null;
        }

        // var group = app.MapGroup("/g").AddEndpointFilter(f); group.AddEndpointFilter(f); then group.MapGet(...).
        foreach (SyntaxReference reference in local.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                && GroupFilter(initializer, site, model, depth + 1, cancellationToken) is { } fromInitializer)
            {
                return fromInitializer;
            }
        }

        SyntaxNode? scope = site.Ancestors().FirstOrDefault(a => a is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or CompilationUnitSyntax or AccessorDeclarationSyntax);
        foreach (InvocationExpressionSyntax call in scope?.DescendantNodes().OfType<InvocationExpressionSyntax>() ?? Enumerable.Empty<InvocationExpressionSyntax>())
        {
            if (FilterCall(call) is { } filter && call.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target }
                && target.Identifier.ValueText == identifier.Identifier.ValueText
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, local))
            {
                return filter;
            }
        }

        return null;
    }

    private static IEnumerable<InvocationExpressionSyntax> ChainAbove(InvocationExpressionSyntax invocation)
    {
        SyntaxNode current = invocation;
        while (current.Parent is MemberAccessExpressionSyntax member && member.Expression == current && member.Parent is InvocationExpressionSyntax next)
        {
            yield return next;
            current = next;
        }
    }

    private static string? FilterCall(InvocationExpressionSyntax call) =>
        MethodName(call) is "AddEndpointFilter" or "AddEndpointFilterFactory" ? call.Expression is MemberAccessExpressionSyntax member ? member.Name.ToString() : "AddEndpointFilter" : null;

    private static string MethodName(InvocationExpressionSyntax call) =>
        call.Expression is MemberAccessExpressionSyntax { Name: { } name } ? name.Identifier.ValueText : string.Empty;

    private static string HandlerName(InvocationExpressionSyntax map) =>
        map.ArgumentList.Arguments.Count > 0 && map.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax { Token.ValueText: { } pattern }
            ? pattern
            : "(endpoint)";
}
