using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Velithon.Analyzers.Interning;

/// <summary>Tells whether an expression yields a value that is new every time, and why.</summary>
internal static class UniqueValueClassifier
{
    public const string Guid = "GUID text";
    public const string Ulid = "ULID text";
    public const string Timestamp = "a timestamp";
    public const string Random = "a random number";
    public const string Hash = "a hash";

    /// <summary>A random number drawn from at most this many values repeats soon enough to be worth interning.</summary>
    private const long SmallRandomRange = 1024;

    /// <summary>The reason the value of <paramref name="expression"/> is unique, or null.</summary>
    public static string? Classify(ExpressionSyntax expression, SemanticModel model, int depth, CancellationToken cancellationToken)
    {
        if (depth <= 0)
        {
            return null;
        }

        depth--;
        switch (expression)
        {
            case ParenthesizedExpressionSyntax p:
                return Classify(p.Expression, model, depth, cancellationToken);
            case CastExpressionSyntax c:
                return Classify(c.Expression, model, depth, cancellationToken);
            case PostfixUnaryExpressionSyntax s when s.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                return Classify(s.Operand, model, depth, cancellationToken);
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (InterpolatedStringContentSyntax content in interpolated.Contents)
                {
                    if (content is InterpolationSyntax hole && ClassifyPart(hole.Expression, model, depth, cancellationToken) is { } reason)
                    {
                        return reason;
                    }
                }

                return null;
            case BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression):
                return ClassifyPart(add.Left, model, depth, cancellationToken) ?? ClassifyPart(add.Right, model, depth, cancellationToken);
            case BinaryExpressionSyntax coalesce when coalesce.IsKind(SyntaxKind.CoalesceExpression):
                return Classify(coalesce.Left, model, depth, cancellationToken);
            case ConditionalAccessExpressionSyntax conditional:
                return conditional.WhenNotNull is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding }
                    && IsTextOf(binding.Name.Identifier.ValueText)
                    ? ClassifyPart(conditional.Expression, model, depth, cancellationToken)
                    : null;
            case MemberAccessExpressionSyntax member:
                return ClassifyMember(member, model, cancellationToken);
            case InvocationExpressionSyntax invocation:
                return ClassifyInvocation(invocation, model, depth, cancellationToken);
            case IdentifierNameSyntax identifier:
                return ClassifyLocal(identifier, model, depth, cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>A part of a larger string: its value, or failing that its type (a Guid formats as GUID text).</summary>
    private static string? ClassifyPart(ExpressionSyntax expression, SemanticModel model, int depth, CancellationToken cancellationToken) =>
        Classify(expression, model, depth, cancellationToken) ?? ClassifyByType(expression, model, cancellationToken);

    private static bool IsTextOf(string methodName) =>
        methodName is "ToString" or "AsSpan" or "AsMemory" or "ToLowerInvariant" or "ToUpperInvariant" or "ToLower" or "ToUpper" or "Trim" or "ToByteArray";

    private static string? ClassifyMember(MemberAccessExpressionSyntax member, SemanticModel model, CancellationToken cancellationToken)
    {
        string name = member.Name.Identifier.ValueText;
        if (name is not ("Now" or "UtcNow" or "TickCount" or "TickCount64" or "Ticks")
            || model.GetSymbolInfo(member, cancellationToken).Symbol is not IPropertySymbol property)
        {
            return null;
        }

        string type = property.ContainingType.ToDisplayString();
        return (type, name) switch
        {
            ("System.DateTime" or "System.DateTimeOffset", "Now" or "UtcNow") => Timestamp,
            ("System.Environment", "TickCount" or "TickCount64") => Timestamp,
            ("System.DateTime" or "System.DateTimeOffset", "Ticks") => IsClock(member.Expression, model, cancellationToken) ? Timestamp : null,
            _ => null,
        };
    }

    private static bool IsClock(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) => expression switch
    {
        MemberAccessExpressionSyntax m => ClassifyMember(m, model, cancellationToken) == Timestamp,
        InvocationExpressionSyntax i => ClassifyInvocation(i, model, 2, cancellationToken) == Timestamp,
        _ => false,
    };

    private static string? ClassifyInvocation(InvocationExpressionSyntax invocation, SemanticModel model, int depth, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method)
        {
            return null;
        }

        INamedTypeSymbol? type = method.ContainingType;
        string typeName = type?.ToDisplayString() ?? string.Empty;
        ExpressionSyntax? receiver = (invocation.Expression as MemberAccessExpressionSyntax)?.Expression;

        switch (method.Name)
        {
            case "NewGuid" or "CreateVersion7" when typeName == "System.Guid":
                return Guid;
            case "NewUlid" when type?.Name == "Ulid":
                return Ulid;
            case "GetUtcNow" or "GetLocalNow" or "GetTimestamp" when typeName is "System.TimeProvider" or "System.Diagnostics.Stopwatch":
                return Timestamp;
            case "GetHashCode" when method.Parameters.Length == 0:
                return Hash;
        }

        if (type is not null && IsRandomSource(type))
        {
            return IsWideRandom(method, invocation, model, cancellationToken) ? Random : null;
        }

        if (type is not null && IsHashAlgorithm(type) && method.Name is "HashData" or "ComputeHash" or "GetHashAndReset" or "GetCurrentHash" or "Hash")
        {
            return Hash;
        }

        // The text of something unique: value.ToString(...), text.AsSpan(), bytes.ToByteArray() ...
        if (receiver is not null && IsTextOf(method.Name))
        {
            return ClassifyPart(receiver, model, depth, cancellationToken);
        }

        // ... and what carries it through: Convert.ToHexString(hash), string.Concat(...), Encoding.UTF8.GetBytes(text).
        bool passesThrough =
            (typeName == "System.Convert" && method.Name.StartsWith("To", StringComparison.Ordinal))
            || (type?.SpecialType == SpecialType.System_String && method.Name is "Concat" or "Format" or "Join")
            || (typeName.StartsWith("System.Text.Encoding", StringComparison.Ordinal) && method.Name is "GetBytes" or "GetString")
            || (typeName == "System.MemoryExtensions" && method.Name is "AsSpan" or "AsMemory");
        if (passesThrough)
        {
            foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
            {
                if (ClassifyPart(argument.Expression, model, depth, cancellationToken) is { } reason)
                {
                    return reason;
                }
            }
        }

        return null;
    }

    /// <summary>Random.Next(), NextInt64(), NextDouble(), GetHexString(...): yes; Random.Next(0, 10): few values, no.</summary>
    private static bool IsWideRandom(IMethodSymbol method, InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!method.Name.StartsWith("Next", StringComparison.Ordinal) && !method.Name.StartsWith("Get", StringComparison.Ordinal))
        {
            return false;
        }

        if (method.Name is not ("Next" or "NextInt64" or "GetInt32") || invocation.ArgumentList.Arguments.Count == 0)
        {
            return true;
        }

        var bounds = new List<long>();
        foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
        {
            Optional<object?> constant = model.GetConstantValue(argument.Expression, cancellationToken);
            if (!constant.HasValue || constant.Value is not (int or long))
            {
                return true;
            }

            bounds.Add(Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        long range = bounds.Count == 1 ? bounds[0] : bounds[1] - bounds[0];
        return range > SmallRandomRange;
    }

    /// <summary>A local whose only value is its initializer.</summary>
    private static string? ClassifyLocal(IdentifierNameSyntax identifier, SemanticModel model, int depth, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is not ILocalSymbol local
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator)
        {
            return null;
        }

        SyntaxNode? scope = declarator.FirstAncestorOrSelf<BlockSyntax>();
        if (scope is null)
        {
            return null;
        }

        foreach (SyntaxNode node in scope.DescendantNodes())
        {
            if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } && left.Identifier.ValueText == local.Name)
            {
                return null;
            }

            if (node is ArgumentSyntax { RefKindKeyword.RawKind: not 0, Expression: IdentifierNameSyntax byRef } && byRef.Identifier.ValueText == local.Name)
            {
                return null;
            }
        }

        return ClassifyPart(initializer, model, depth, cancellationToken);
    }

    /// <summary>A Guid or Ulid value, whatever expression produced it, formats as an identifier.</summary>
    private static string? ClassifyByType(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        ITypeSymbol? type = model.GetTypeInfo(expression, cancellationToken).Type;
        if (type is null)
        {
            return null;
        }

        if (type.Name == "Guid" && type.ToDisplayString() == "System.Guid")
        {
            return Guid;
        }

        return type.Name == "Ulid" ? Ulid : null;
    }

    private static bool IsRandomSource(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (t.ToDisplayString() is "System.Random" or "System.Security.Cryptography.RandomNumberGenerator")
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHashAlgorithm(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            string name = t.ToDisplayString();
            if (name.StartsWith("System.IO.Hashing.", StringComparison.Ordinal)
                || name is "System.Security.Cryptography.HashAlgorithm" or "System.Security.Cryptography.IncrementalHash"
                || (name.StartsWith("System.Security.Cryptography.", StringComparison.Ordinal)
                    && (t.Name.StartsWith("SHA", StringComparison.Ordinal) || t.Name.StartsWith("HMAC", StringComparison.Ordinal) || t.Name == "MD5")))
            {
                return true;
            }
        }

        return false;
    }
}
