using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Velithon.Analyzers.Caching;

/// <summary>
/// A handler a <c>[VelithonCached]</c> attribute applies to: a lambda, a local function, a method, or each public action of
/// a controller the attribute is on (an action with its own attribute is left to that one).
/// </summary>
/// <param name="Name">The handler's name in messages (<c>(lambda)</c> for a lambda).</param>
/// <param name="Parameters">Its parameters.</param>
/// <param name="Body">Its body or expression body.</param>
/// <param name="RouteTemplates">The route templates the handler is known to be mapped with (the map call's pattern, MVC
/// route attributes); <see langword="null"/> when the analyzer cannot see them.</param>
internal sealed record CachedHandlerSite(string Name, ParameterListSyntax? Parameters, SyntaxNode? Body, IReadOnlyList<string>? RouteTemplates)
{
    private static readonly string[] RouteAttributeNames = ["Route", "HttpGet", "HttpHead", "HttpPost", "HttpPut", "HttpDelete", "HttpPatch", "HttpOptions", "AcceptVerbs"];

    /// <summary>The handlers <paramref name="attribute"/> (a <c>[VelithonCached]</c>) applies to.</summary>
    public static IEnumerable<CachedHandlerSite> Of(AttributeSyntax attribute, SemanticModel model)
    {
        switch (attribute.Parent?.Parent)
        {
            case ClassDeclarationSyntax type:
                List<string> typeTemplates = Templates(type.AttributeLists, model);
                foreach (MethodDeclarationSyntax action in type.Members.OfType<MethodDeclarationSyntax>())
                {
                    if (action.Modifiers.Any(SyntaxKind.PublicKeyword) && !action.AttributeLists.SelectMany(l => l.Attributes).Any(a => AttributeNames.Is(a.Name, "VelithonCached")))
                    {
                        yield return ForMethod(action, typeTemplates, model);
                    }
                }

                break;
            case MethodDeclarationSyntax method:
                yield return ForMethod(method, method.Parent is ClassDeclarationSyntax owner ? Templates(owner.AttributeLists, model) : [], model);
                break;
            case LocalFunctionStatementSyntax local:
                yield return new CachedHandlerSite(local.Identifier.ValueText, local.ParameterList, local.Body ?? (SyntaxNode?)local.ExpressionBody, null);
                break;
            case ParenthesizedLambdaExpressionSyntax lambda:
                yield return new CachedHandlerSite("(lambda)", lambda.ParameterList, lambda.Body, MapPattern(lambda, model));
                break;
        }
    }

    /// <summary>A lambda mapped with <c>Map*(pattern, lambda)</c> whose policy is given elsewhere (<c>CacheWithVelithon</c>).</summary>
    public static CachedHandlerSite ForMapped(ParenthesizedLambdaExpressionSyntax lambda, SemanticModel model) =>
        new("(lambda)", lambda.ParameterList, lambda.Body, MapPattern(lambda, model));

    /// <summary>The route template names in <c>{name}</c>, <c>{name:int}</c>, <c>{name?}</c>, <c>{*name}</c> and <c>{**name}</c> segments.</summary>
    public static IEnumerable<string> RouteParameters(string template)
    {
        int start = template.IndexOf('{');
        while (start >= 0)
        {
            if (start + 1 < template.Length && template[start + 1] == '{')
            {
                start = template.IndexOf('{', start + 2); // "{{" is a literal brace
                continue;
            }

            int end = template.IndexOf('}', start + 1);
            if (end < 0)
            {
                yield break;
            }

            string name = template.Substring(start + 1, end - start - 1).TrimStart('*');
            int cut = name.IndexOfAny([':', '=', '?']);
            yield return (cut >= 0 ? name.Substring(0, cut) : name).Trim();
            start = template.IndexOf('{', end + 1);
        }
    }

    private static CachedHandlerSite ForMethod(MethodDeclarationSyntax method, List<string> typeTemplates, SemanticModel model)
    {
        List<string> own = Templates(method.AttributeLists, model);
        bool isAction = typeTemplates.Count > 0 || own.Count > 0;

        // Without any route attribute the route is conventional ({controller}/{action}/{id?}) or mapped elsewhere: unseen.
        return new CachedHandlerSite(method.Identifier.ValueText, method.ParameterList, method.Body ?? (SyntaxNode?)method.ExpressionBody, isAction ? [.. typeTemplates, .. own] : null);
    }

    private static List<string> Templates(SyntaxList<AttributeListSyntax> lists, SemanticModel model)
    {
        var templates = new List<string>();
        foreach (AttributeSyntax attribute in lists.SelectMany(l => l.Attributes))
        {
            if (RouteAttributeNames.Any(n => AttributeNames.Is(attribute.Name, n))
                && attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null && a.NameColon is null) is { } argument
                && model.GetConstantValue(argument.Expression) is { HasValue: true, Value: string template })
            {
                templates.Add(template);
            }
        }

        return templates;
    }

    /// <summary>The pattern of <c>app.MapGet("/items/{id}", [VelithonCached] (int id) => ...)</c>, when it is a constant.</summary>
    private static IReadOnlyList<string>? MapPattern(ParenthesizedLambdaExpressionSyntax lambda, SemanticModel model) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax map } arguments }
        && map.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: { } method }
        && method.StartsWith("Map", System.StringComparison.Ordinal)
        && arguments.Arguments.Count >= 2
        && model.GetConstantValue(arguments.Arguments[0].Expression) is { HasValue: true, Value: string pattern }
            ? [pattern]
            : null;
}
