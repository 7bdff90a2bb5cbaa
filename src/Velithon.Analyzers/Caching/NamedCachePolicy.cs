using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Velithon.Analyzers.Caching;

/// <summary>
/// <c>[VelithonCached(PolicyName = "…")]</c>: a policy registered at run time with
/// <c>AddPolicy("name", p => p.VaryByQuery("a")…)</c> adds its vary lists and flags to the attribute's. When the name is a
/// constant and the project registers that name exactly once, with a lambda that only chains builder calls on its
/// parameter, the policy is read from the source (<see cref="Resolve"/>); otherwise it is not visible, and the rules that
/// would report a missing <c>VaryBy…</c> stay quiet for the attribute.
/// </summary>
internal static class NamedCachePolicy
{
    private const string AddPolicy = "AddPolicy";

    // The builder's methods (VelithonCachePolicyBuilder): a lambda calling anything else is not read.
    private static readonly HashSet<string> BuilderMethods =
    [
        "Expire", "VaryByQuery", "VaryByHeader", "VaryByRouteValue", "VaryByUser", "VaryByCookie", "SkipEndpointFiltersOnHit",
        "Tag", "StatusCodes", "StaleWhileRevalidate", "StaleIfError", "SoftTimeout", "HardTimeout", "VaryByValue",
        "SetKeyPrefix", "EmitCacheControl", "EmitLastModified", "EagerRefresh",
    ];

    // One index of AddPolicy registrations per compilation, built on first use (only projects that name a policy pay).
    private static readonly ConditionalWeakTable<Compilation, Dictionary<string, List<LambdaExpressionSyntax?>>> s_indexes = new();

    public static bool IsNamed(AttributeSyntax attribute) => NameArgument(attribute) is not null;

    public static bool IsNamed(AttributeData attribute) =>
        attribute.NamedArguments.Any(a => a.Key == "PolicyName" && a.Value.Value is not null);

    /// <summary>The policy an attribute names, read from the source; <see langword="null"/> when it names none or it cannot be read.</summary>
    public static Policy? Resolve(AttributeSyntax attribute, SemanticModel model, CancellationToken cancellationToken) =>
        NameArgument(attribute) is { } argument && model.GetConstantValue(argument.Expression, cancellationToken) is { HasValue: true, Value: string name }
            ? Resolve(name, model.Compilation, cancellationToken)
            : null;

    /// <summary>The policy an attribute (as the compiler sees it) names, read from the source; <see langword="null"/> when it cannot be read.</summary>
    public static Policy? Resolve(AttributeData attribute, Compilation compilation, CancellationToken cancellationToken) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == "PolicyName").Value.Value is string name
            ? Resolve(name, compilation, cancellationToken)
            : null;

    /// <summary>
    /// Whether the endpoint varies by user: the attribute's constant <c>VaryByUser = true</c> is read by the caller;
    /// here a named policy counts unless it is read from the source and does not call <c>VaryByUser()</c>.
    /// </summary>
    public static bool PolicyMayVaryByUser(Policy? policy) => policy is null || policy.VaryByUser;

    /// <summary>The policy registered as <paramref name="name"/>, read from the source; <see langword="null"/> when it cannot be read.</summary>
    public static Policy? Resolve(string name, Compilation compilation, CancellationToken cancellationToken)
    {
        Dictionary<string, List<LambdaExpressionSyntax?>> index = s_indexes.GetValue(compilation, c => Index(c, cancellationToken));

        // Registered more than once: which one wins depends on the order the code runs in.
        return index.TryGetValue(name, out List<LambdaExpressionSyntax?>? registrations) && registrations.Count == 1 && registrations[0] is { } configure
            ? Read(configure)
            : null;
    }

    private static AttributeArgumentSyntax? NameArgument(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "PolicyName"
            && !a.Expression.IsKind(SyntaxKind.NullLiteralExpression));

    /// <summary>Every <c>x.AddPolicy("literal", …)</c> of the compilation, by name; the lambda, or null when the second argument is not one.</summary>
    private static Dictionary<string, List<LambdaExpressionSyntax?>> Index(Compilation compilation, CancellationToken cancellationToken)
    {
        var index = new Dictionary<string, List<LambdaExpressionSyntax?>>(System.StringComparer.Ordinal);
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            foreach (InvocationExpressionSyntax call in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: AddPolicy }
                    && call.ArgumentList.Arguments.Count == 2
                    && call.ArgumentList.Arguments[0].Expression is LiteralExpressionSyntax literal
                    && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    string name = literal.Token.ValueText;
                    if (!index.TryGetValue(name, out List<LambdaExpressionSyntax?>? registrations))
                    {
                        index[name] = registrations = [];
                    }

                    registrations.Add(call.ArgumentList.Arguments[1].Expression as LambdaExpressionSyntax);
                }
            }
        }

        return index;
    }

    /// <summary>
    /// Reads <c>p => p.VaryByQuery("a").Tag("t")</c> or a block of such statements: every statement a chain of builder
    /// calls on the parameter, as the builder runs them (a later call of a method replaces the earlier one's list).
    /// </summary>
    private static Policy? Read(LambdaExpressionSyntax configure)
    {
        string? parameter = configure switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
            _ => null,
        };
        if (parameter is null)
        {
            return null;
        }

        IEnumerable<ExpressionSyntax>? statements = configure.Body switch
        {
            ExpressionSyntax expression => [expression],
            BlockSyntax block when block.Statements.All(s => s is ExpressionStatementSyntax) => block.Statements.Cast<ExpressionStatementSyntax>().Select(s => s.Expression),
            _ => null,
        };
        if (statements is null)
        {
            return null;
        }

        var calls = new List<InvocationExpressionSyntax>();
        foreach (ExpressionSyntax statement in statements)
        {
            var chain = new List<InvocationExpressionSyntax>();
            ExpressionSyntax current = statement;
            while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call && BuilderMethods.Contains(member.Name.Identifier.ValueText))
            {
                chain.Add(call);
                current = member.Expression;
            }

            if (chain.Count == 0 || current is not IdentifierNameSyntax root || root.Identifier.ValueText != parameter)
            {
                return null;
            }

            chain.Reverse(); // Innermost first: the order the builder runs them in.
            calls.AddRange(chain);
        }

        return new Policy(List(calls, "VaryByQuery"), List(calls, "VaryByHeader"), List(calls, "VaryByCookie"), calls.Any(c => MethodName(c) == "VaryByUser"));
    }

    private static VaryByList List(List<InvocationExpressionSyntax> calls, string method)
    {
        InvocationExpressionSyntax? last = calls.LastOrDefault(c => MethodName(c) == method);
        if (last is null)
        {
            return VaryByList.NotSet;
        }

        var names = new List<string>();
        foreach (ArgumentSyntax argument in last.ArgumentList.Arguments)
        {
            if (argument.Expression is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return VaryByList.NotVisible; // A constant elsewhere, an array: this syntax-only reading does not follow it.
            }

            names.Add(literal.Token.ValueText);
        }

        return VaryByList.Of(names);
    }

    private static string MethodName(InvocationExpressionSyntax call) => ((MemberAccessExpressionSyntax)call.Expression).Name.Identifier.ValueText;

    /// <summary>What a named policy sets, as far as its source shows.</summary>
    internal sealed class Policy(VaryByList query, VaryByList headers, VaryByList cookies, bool varyByUser)
    {
        public VaryByList Query { get; } = query;

        public VaryByList Headers { get; } = headers;

        public VaryByList Cookies { get; } = cookies;

        public bool VaryByUser { get; } = varyByUser;
    }
}
