using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Velithon.Analyzers.Caching;

/// <summary>
/// <c>[VelithonCached(PolicyName = "…")]</c>: a policy registered at run time (<c>AddPolicy</c>) adds vary lists and flags
/// the analyzers cannot see, so the rules that would report a missing <c>VaryBy…</c> stay quiet for such an attribute.
/// </summary>
internal static class NamedCachePolicy
{
    public static bool IsNamed(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.Any(a => a.NameEquals?.Name.Identifier.ValueText == "PolicyName"
            && !a.Expression.IsKind(SyntaxKind.NullLiteralExpression)) == true;

    public static bool IsNamed(AttributeData attribute) =>
        attribute.NamedArguments.Any(a => a.Key == "PolicyName" && a.Value.Value is not null);
}
