using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Velithon.CodeAnalysis;

namespace Velithon.Analyzers.Caching;

/// <summary>
/// VLG304-VLG307: <c>[VelithonCached]</c> where a response cache is wrong or useless: a non-idempotent endpoint
/// (VLG304), a handler with no cacheable result (VLG305), per-user data without <c>VaryByUser</c> (VLG306),
/// a <c>Duration</c> of zero or less (VLG307), a stale window or timeout below -1 (VLG313).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CachedEndpointAnalyzer : DiagnosticAnalyzer
{

    private static readonly Dictionary<string, string> MapMethodVerbs = new(StringComparer.Ordinal)
    {
        ["MapPost"] = "POST",
        ["MapPut"] = "PUT",
        ["MapDelete"] = "DELETE",
        ["MapPatch"] = "PATCH",
    };

    private static readonly Dictionary<string, string> MvcVerbAttributes = new(StringComparer.Ordinal)
    {
        ["Microsoft.AspNetCore.Mvc.HttpPostAttribute"] = "POST",
        ["Microsoft.AspNetCore.Mvc.HttpPutAttribute"] = "PUT",
        ["Microsoft.AspNetCore.Mvc.HttpDeleteAttribute"] = "DELETE",
        ["Microsoft.AspNetCore.Mvc.HttpPatchAttribute"] = "PATCH",
    };

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.CachedUnsafeMethod,
        DiagnosticDescriptors.CachedUncacheableResult,
        DiagnosticDescriptors.CachedPerUserWithoutVaryByUser,
        DiagnosticDescriptors.CachedNonPositiveDuration,
        DiagnosticDescriptors.CachedInvalidResilienceSetting);

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

    /// <summary>Every [VelithonCached]: its Duration, and the handler (or, on a class, each action) it is on.</summary>
    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context)
    {
        var attribute = (AttributeSyntax)context.Node;
        if (!AttributeNames.Is(attribute.Name, "VelithonCached") || !IsCachedAttribute(attribute, context.SemanticModel, context.CancellationToken))
        {
            return;
        }

        CheckDuration(context, attribute);
        bool varyByUser = VariesByUser(attribute, context.SemanticModel, context.CancellationToken);
        SyntaxNode? target = attribute.Parent?.Parent;
        SemanticModel model = context.SemanticModel;
        switch (target)
        {
            case ClassDeclarationSyntax type:
                bool classAuthorized = HasAuthorize(model.GetDeclaredSymbol(type, context.CancellationToken));
                foreach (MethodDeclarationSyntax action in type.Members.OfType<MethodDeclarationSyntax>())
                {
                    if (action.Modifiers.Any(SyntaxKind.PublicKeyword) && !action.Modifiers.Any(SyntaxKind.StaticKeyword)
                        && model.GetDeclaredSymbol(action, context.CancellationToken) is { } symbol)
                    {
                        CheckHandler(context, attribute.GetLocation(), symbol, action.Body ?? (SyntaxNode?)action.ExpressionBody, varyByUser, classAuthorized);
                    }
                }

                break;
            case MethodDeclarationSyntax method when model.GetDeclaredSymbol(method, context.CancellationToken) is { } symbol:
                CheckHandler(context, attribute.GetLocation(), symbol, method.Body ?? (SyntaxNode?)method.ExpressionBody, varyByUser, HasAuthorize(symbol.ContainingType));
                break;
            case LocalFunctionStatementSyntax local when model.GetDeclaredSymbol(local, context.CancellationToken) is IMethodSymbol symbol:
                CheckHandler(context, attribute.GetLocation(), symbol, local.Body ?? (SyntaxNode?)local.ExpressionBody, varyByUser, false);
                break;
            case LambdaExpressionSyntax lambda when model.GetSymbolInfo(lambda, context.CancellationToken).Symbol is IMethodSymbol symbol:
                CheckHandler(context, attribute.GetLocation(), symbol, lambda.Body, varyByUser, false);
                break;
        }
    }

    /// <summary>
    /// app.MapPost(pattern, handler) and friends, app.MapMethods(pattern, ["POST"], handler), and any map call
    /// followed by .RequireAuthorization(), with a [VelithonCached] lambda or method group.
    /// </summary>
    private static void AnalyzeMapCall(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name: { } name })
        {
            return;
        }

        string method = name.Identifier.ValueText;
        if (!method.StartsWith("Map", StringComparison.Ordinal) || invocation.ArgumentList.Arguments.Count < 2)
        {
            return;
        }

        MapMethodVerbs.TryGetValue(method, out string? verb);
        if (method == "MapMethods")
        {
            verb = UnsafeVerbIn(invocation.ArgumentList.Arguments, context.SemanticModel, context.CancellationToken);
        }

        bool requiresAuthorization = IsFollowedByRequireAuthorization(invocation);
        if (verb is null && !requiresAuthorization)
        {
            return;
        }

        foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
        {
            IMethodSymbol? handler = null;
            Location location = argument.Expression.GetLocation();
            AttributeSyntax? written = null;
            switch (argument.Expression)
            {
                case ParenthesizedLambdaExpressionSyntax lambda when lambda.AttributeLists.Count > 0:
                    handler = context.SemanticModel.GetSymbolInfo(lambda, context.CancellationToken).Symbol as IMethodSymbol;
                    written = lambda.AttributeLists.SelectMany(l => l.Attributes).FirstOrDefault(a => AttributeNames.Is(a.Name, "VelithonCached"));
                    if (written is not null)
                    {
                        location = written.GetLocation();
                    }

                    break;
                case IdentifierNameSyntax or MemberAccessExpressionSyntax or GenericNameSyntax:
                    SymbolInfo info = context.SemanticModel.GetSymbolInfo(argument.Expression, context.CancellationToken);
                    handler = info.Symbol as IMethodSymbol ?? info.CandidateSymbols.OfType<IMethodSymbol>().FirstOrDefault();
                    break;
            }

            if (handler is null || FindCachedAttribute(handler) is not { } cached)
            {
                continue;
            }

            if (verb is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CachedUnsafeMethod, location, HandlerName(handler), verb));
            }

            // A handler that itself reads the user is reported where its attribute is; here only the route's policy.
            bool varyByUser = cached.NamedArguments.Any(a => a.Key == "VaryByUser" && a.Value.Value is true)
                || (NamedCachePolicy.IsNamed(cached) && NamedCachePolicy.PolicyMayVaryByUser(NamedCachePolicy.Resolve(cached, context.Compilation, context.CancellationToken)));
            if (requiresAuthorization && !varyByUser
                && ReadsUser(handler, null, false, context.SemanticModel, context.CancellationToken) is null
                && !ReadsUserInBody(handler, context.CancellationToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CachedPerUserWithoutVaryByUser, location, HandlerName(handler), "is mapped with RequireAuthorization()"));
            }
        }
    }

    /// <summary>Whether the handler's own declaration already gets VLG306 for reading the user in its body.</summary>
    private static bool ReadsUserInBody(IMethodSymbol handler, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in handler.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == "User"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsFollowedByRequireAuthorization(InvocationExpressionSyntax invocation)
    {
        SyntaxNode current = invocation;
        while (current.Parent is MemberAccessExpressionSyntax member && member.Expression == current
            && member.Parent is InvocationExpressionSyntax next)
        {
            if (member.Name.Identifier.ValueText == "RequireAuthorization")
            {
                return true;
            }

            current = next;
        }

        return false;
    }

    /// <summary>The first of POST/PUT/DELETE/PATCH among the string constants of MapMethods' arguments.</summary>
    private static string? UnsafeVerbIn(SeparatedSyntaxList<ArgumentSyntax> arguments, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (ArgumentSyntax argument in arguments)
        {
            IEnumerable<ExpressionSyntax> items = argument.Expression switch
            {
                ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
                ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
                CollectionExpressionSyntax collection => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
                _ => Enumerable.Empty<ExpressionSyntax>(),
            };
            foreach (ExpressionSyntax item in items)
            {
                if (model.GetConstantValue(item, cancellationToken) is { HasValue: true, Value: string text }
                    && text.ToUpperInvariant() is "POST" or "PUT" or "DELETE" or "PATCH")
                {
                    return text.ToUpperInvariant();
                }
            }
        }

        return null;
    }

    private static void CheckHandler(SyntaxNodeAnalysisContext context, Location location, IMethodSymbol handler, SyntaxNode? body, bool varyByUser, bool authorizedByContainer)
    {
        string name = HandlerName(handler);

        // MVC: [HttpPost] and friends on the action.
        foreach (AttributeData data in handler.GetAttributes())
        {
            if (data.AttributeClass is { } type && MvcVerbAttributes.TryGetValue(type.ToDisplayString(), out string? verb))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CachedUnsafeMethod, location, name, verb));
                break;
            }
        }

        if (UncacheableResult(handler.ReturnType) is { } result)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CachedUncacheableResult, location, name, result));
        }

        if (!varyByUser && ReadsUser(handler, body, authorizedByContainer, context.SemanticModel, context.CancellationToken) is { } reads)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CachedPerUserWithoutVaryByUser, location, name, reads));
        }
    }

    private static string? UncacheableResult(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return "void";
        }

        if (type is INamedTypeSymbol named && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks"
            && named.Name is "Task" or "ValueTask")
        {
            if (named.TypeArguments.Length == 0)
            {
                return "a " + named.Name + " without a result";
            }

            type = named.TypeArguments[0];
        }

        if (type is INamedTypeSymbol { IsGenericType: true } sequence
            && sequence.ConstructedFrom.ToDisplayString() == "System.Collections.Generic.IAsyncEnumerable<T>")
        {
            return "an IAsyncEnumerable<T> stream";
        }

        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            switch (t.ToDisplayString())
            {
                case "System.IO.Stream":
                    return "a Stream";
                case "Microsoft.AspNetCore.Mvc.FileStreamResult":
                case "Microsoft.AspNetCore.Http.HttpResults.FileStreamHttpResult":
                case "Microsoft.AspNetCore.Http.HttpResults.PushStreamHttpResult":
                case "System.IO.Pipelines.PipeReader":
                    return "a streamed result (" + type.Name + ")";
            }
        }

        return null;
    }

    /// <summary>What makes the handler's response depend on the user, or null.</summary>
    private static string? ReadsUser(IMethodSymbol handler, SyntaxNode? body, bool authorizedByContainer, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (IParameterSymbol parameter in handler.Parameters)
        {
            if (IsClaimsPrincipal(parameter.Type))
            {
                return "takes the ClaimsPrincipal '" + parameter.Name + "'";
            }
        }

        if (HasAuthorize(handler) || authorizedByContainer)
        {
            return "requires an authenticated user ([Authorize])";
        }

        if (body is not null)
        {
            foreach (IdentifierNameSyntax identifier in body.DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText == "User"
                    && model.GetSymbolInfo(identifier, cancellationToken).Symbol is IPropertySymbol property
                    && IsClaimsPrincipal(property.Type))
                {
                    return "reads " + property.ContainingType.Name + ".User";
                }
            }
        }

        return null;
    }

    private static bool IsClaimsPrincipal(ITypeSymbol type)
    {
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (t.Name == "ClaimsPrincipal" && t.ToDisplayString() == "System.Security.Claims.ClaimsPrincipal")
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAuthorize(ISymbol? symbol)
    {
        if (symbol is null)
        {
            return false;
        }

        foreach (AttributeData data in symbol.GetAttributes())
        {
            if (data.AttributeClass?.ToDisplayString() == "Microsoft.AspNetCore.Authorization.AuthorizeAttribute")
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckDuration(SyntaxNodeAnalysisContext context, AttributeSyntax attribute)
    {
        if (attribute.ArgumentList is null)
        {
            return;
        }

        foreach (AttributeArgumentSyntax argument in attribute.ArgumentList.Arguments)
        {
            string? name = argument.NameEquals?.Name.Identifier.ValueText;
            if (name is not ("Duration" or "StaleWhileRevalidate" or "StaleIfError" or "SoftTimeoutMilliseconds" or "HardTimeoutMilliseconds")
                || context.SemanticModel.GetConstantValue(argument.Expression, context.CancellationToken) is not { HasValue: true, Value: int value })
            {
                continue;
            }

            if (name == "Duration" && value <= 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CachedNonPositiveDuration, argument.GetLocation(), value.ToString(CultureInfo.InvariantCulture)));
            }
            else if (name != "Duration" && value < -1)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CachedInvalidResilienceSetting, argument.GetLocation(), name, value.ToString(CultureInfo.InvariantCulture)));
            }
        }
    }

    private static bool VariesByUser(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (AttributeArgumentSyntax argument in attribute.ArgumentList?.Arguments ?? default)
        {
            // Not a constant true (a constant false, or something we cannot read): treat as not varying.
            if (argument.NameEquals?.Name.Identifier.ValueText == "VaryByUser"
                && model.GetConstantValue(argument.Expression, cancellationToken) is { HasValue: true, Value: true })
            {
                return true;
            }
        }

        // A named policy may set VaryByUser: reported only when its source is read and it does not.
        return NamedCachePolicy.IsNamed(attribute)
            && NamedCachePolicy.PolicyMayVaryByUser(NamedCachePolicy.Resolve(attribute, model, cancellationToken));
    }

    private static AttributeData? FindCachedAttribute(IMethodSymbol method)
    {
        foreach (AttributeData data in method.GetAttributes())
        {
            if (data.AttributeClass?.ToDisplayString() == VelithonMetadataNames.VelithonCachedAttribute)
            {
                return data;
            }
        }

        return null;
    }

    private static bool IsCachedAttribute(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken)
    {
        ISymbol? symbol = model.GetSymbolInfo(attribute, cancellationToken).Symbol;
        return symbol?.ContainingType?.ToDisplayString() == VelithonMetadataNames.VelithonCachedAttribute;
    }

    private static string HandlerName(IMethodSymbol handler) =>
        handler.MethodKind == MethodKind.AnonymousFunction ? "(lambda)" : handler.Name;
}
