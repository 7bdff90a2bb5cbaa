using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Velithon.Analyzers.Caching;

/// <summary>
/// What one <c>VaryBy…</c> list of a <c>[VelithonCached]</c> attribute names: <see cref="Names"/> is <see langword="null"/>
/// when the list is not set (or set to <see langword="null"/>); <see cref="Unknown"/> when it is not a list of constants.
/// </summary>
internal readonly struct VaryByList
{
    private VaryByList(List<string>? names, bool unknown)
    {
        Names = names;
        Unknown = unknown;
    }

    /// <summary>Gets a list this check cannot see (a named policy it cannot read): no read is reported against it.</summary>
    public static VaryByList NotVisible => new(null, true);

    /// <summary>Gets a list that is not set.</summary>
    public static VaryByList NotSet => new(null, false);

    public static VaryByList Of(List<string> names) => new(names, false);

    /// <summary>
    /// The list in force when an endpoint's attribute names a policy: set on both, the union (as the cache combines
    /// them); set on one, that one; not visible on either, not visible.
    /// </summary>
    public static VaryByList Combine(VaryByList endpoint, VaryByList policy) =>
        endpoint.Unknown || policy.Unknown ? NotVisible
        : endpoint.Names is null ? policy
        : policy.Names is null ? endpoint
        : new VaryByList([.. endpoint.Names, .. policy.Names], false);

    public List<string>? Names { get; }

    public bool Unknown { get; }

    /// <summary>Whether the list names <paramref name="name"/> (<paramref name="ignoreCase"/> for headers and query keys).</summary>
    public bool Contains(string name, bool ignoreCase) =>
        Names is not null && Names.Any(n => string.Equals(n, name, ignoreCase ? System.StringComparison.OrdinalIgnoreCase : System.StringComparison.Ordinal));

    public static VaryByList Read(AttributeSyntax attribute, string property, SemanticModel model, CancellationToken cancellationToken)
    {
        AttributeArgumentSyntax? argument = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);
        if (argument is null || argument.Expression.IsKind(SyntaxKind.NullLiteralExpression))
        {
            return new VaryByList(null, false);
        }

        IEnumerable<ExpressionSyntax>? items = argument.Expression switch
        {
            CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax) => collection.Elements.OfType<ExpressionElementSyntax>().Select(e => e.Expression),
            ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
            ImplicitArrayCreationExpressionSyntax implicitArray => implicitArray.Initializer.Expressions,
            _ => null,
        };
        if (items is null)
        {
            return new VaryByList(null, true);
        }

        var names = new List<string>();
        foreach (ExpressionSyntax item in items)
        {
            if (model.GetConstantValue(item, cancellationToken) is not { HasValue: true, Value: string name })
            {
                return new VaryByList(null, true);
            }

            names.Add(name);
        }

        return new VaryByList(names, false);
    }

    /// <summary>
    /// The list a <c>CacheWithVelithon(p => p.VaryByQuery("a").VaryByHeader("X"))</c> lambda sets with
    /// <paramref name="method"/> (its last call wins, as in the builder); unknown when the configuration is not a lambda
    /// or the names are not constants.
    /// </summary>
    public static VaryByList ReadFluent(ExpressionSyntax? configure, string method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (configure is null || configure.IsKind(SyntaxKind.NullLiteralExpression))
        {
            return new VaryByList(null, false);
        }

        if (configure is not LambdaExpressionSyntax lambda)
        {
            return new VaryByList(null, true);
        }

        // The call that runs last ends last: the later statement, or the outer call of a chain p.VaryByQuery("a").VaryByQuery("b").
        InvocationExpressionSyntax? last = lambda.Body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: { } name } && name == method)
            .OrderBy(i => i.Span.End)
            .LastOrDefault();
        if (last is null)
        {
            return new VaryByList(null, false);
        }

        var names = new List<string>();
        foreach (ArgumentSyntax argument in last.ArgumentList.Arguments)
        {
            if (model.GetConstantValue(argument.Expression, cancellationToken) is not { HasValue: true, Value: string name })
            {
                return new VaryByList(null, true);
            }

            names.Add(name);
        }

        return new VaryByList(names, false);
    }
}
