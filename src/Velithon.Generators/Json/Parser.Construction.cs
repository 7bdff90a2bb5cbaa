using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Velithon.Generators.Common;
using Velithon.CodeAnalysis;

namespace Velithon.Generators.Json;

// How a read value is built: the constructor chosen as STJ chooses it, and its parameters bound to members.
internal sealed partial class Parser
{
    private IMethodSymbol? SelectConstructor(ref string? cannotRead)
    {
        IMethodSymbol? constructor = SelectStjConstructor(ref cannotRead);
        if (constructor is not null && IsObsoleteAsError(constructor))
        {
            // CS0619 cannot be suppressed in the generated code, as CS0612/CS0618 are.
            cannotRead = "its constructor is [Obsolete] as an error, which the generated code cannot call (CS0619)";
            return null;
        }

        return constructor;
    }

    private IMethodSymbol? SelectStjConstructor(ref string? cannotRead)
    {
        IMethodSymbol[] constructors = _type.InstanceConstructors.ToArray();
        IMethodSymbol[] marked = constructors.Where(c => HasAttribute(c, SerializationNamespace + "JsonConstructorAttribute")).ToArray();
        if (marked.Length > 1)
        {
            Report(JsonDiagnostics.UnsupportedAttributeUsage, LocationInfo.From(marked[1]),
                $"Type '{_type.ToDisplayString()}' has more than one [JsonConstructor]");
            cannotRead = "more than one constructor has [JsonConstructor]";
            return null;
        }

        if (marked.Length == 1)
        {
            return marked[0];
        }

        if (_type.IsAbstract)
        {
            cannotRead = "the type is abstract";
            return null;
        }

        if (_type.IsValueType)
        {
            return constructors.FirstOrDefault(c => c.Parameters.Length == 0);
        }

        IMethodSymbol[] publicConstructors = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public).ToArray();
        IMethodSymbol? parameterless = publicConstructors.FirstOrDefault(c => c.Parameters.Length == 0);
        if (parameterless is not null)
        {
            return parameterless;
        }

        if (publicConstructors.Length == 1)
        {
            return publicConstructors[0];
        }

        cannotRead = publicConstructors.Length == 0
            ? "it has no public constructor and none marked [JsonConstructor]"
            : "it has several public constructors and none is parameterless or marked [JsonConstructor]";
        return null;
    }

    // Whether STJ reads a struct through a constructor with parameters: only one marked [JsonConstructor] (a struct's
    // parameterless constructor wins otherwise). Its converter then names the struct, not a Nullable<T> around it, when the
    // first member name is invalid.
    private static bool ReadsThroughConstructor(INamedTypeSymbol type)
    {
        if (!type.IsValueType)
        {
            return false;
        }

        IMethodSymbol[] marked = type.InstanceConstructors.Where(c => HasAttribute(c, SerializationNamespace + "JsonConstructorAttribute")).ToArray();
        return marked.Length == 1 && marked[0].Parameters.Length > 0;
    }

    /// <param name="requireParameters">
    /// RespectRequiredConstructorParameters: a parameter without a default value makes its member required, as System.Text.Json
    /// marks it (a missing one is its "missing required properties" error, listed with the required members in member order).
    /// </param>
    /// <param name="respectNullable">RespectNullableAnnotations: a parameter that refuses null is checked when read.</param>
    private static void BindParameters(IMethodSymbol constructor, List<(MemberModel Model, ISymbol Symbol)> members, List<ISymbol> ignored, List<ParameterModel> parameters, bool requireParameters, bool respectNullable, ref string? cannotRead)
    {
        foreach (IParameterSymbol parameter in constructor.Parameters)
        {
            int index = -1;
            for (int i = 0; i < members.Count; i++)
            {
                if (Binds(members[i].Symbol, parameter))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0 && ignored.Any(symbol => Binds(symbol, parameter)))
            {
                // Bound to a [JsonIgnore]d member: never read, so always its default (System.Text.Json's too).
                parameters.Add(new ParameterModel(parameter.Name, -1, parameter.HasExplicitDefaultValue ? DefaultLiteral(parameter) : "default(" + parameter.Type.ToDisplayString(TypeNameFormat) + ")"));
                continue;
            }

            if (index < 0)
            {
                cannotRead = $"constructor parameter '{parameter.Name}' does not bind to a serialized member of the same type";
                parameters.Clear();
                return;
            }

            MemberModel member = members[index].Model;
            if (member.Read != ReadKind.Initializer)
            {
                member = member with { Read = ReadKind.Constructor };
            }

            if (requireParameters && !parameter.HasExplicitDefaultValue)
            {
                member = member with { IsRequired = true };
            }

            members[index] = (member, members[index].Symbol);

            parameters.Add(new ParameterModel(parameter.Name, index, parameter.HasExplicitDefaultValue ? DefaultLiteral(parameter) : null, respectNullable && RefusesNull(parameter)));
        }
    }

    private static bool Binds(ISymbol member, IParameterSymbol parameter)
    {
        ITypeSymbol type = member is IPropertySymbol p ? p.Type : ((IFieldSymbol)member).Type;
        return string.Equals(member.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)
            && SymbolEqualityComparer.Default.Equals(type, parameter.Type);
    }

    private static string DefaultLiteral(IParameterSymbol parameter)
    {
        object? value = parameter.ExplicitDefaultValue;
        string type = parameter.Type.ToDisplayString(TypeNameFormat);
        if (value is null)
        {
            return "default(" + type + ")";
        }

        if (parameter.Type.TypeKind == TypeKind.Enum
            || (parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n && n.TypeArguments[0].TypeKind == TypeKind.Enum))
        {
            return "(" + type + ")(" + SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) + ")";
        }

        string literal = value switch
        {
            string s => JsonNames.CSharpString(s),
            char ch => SymbolDisplay.FormatLiteral(ch, quote: true),
            bool b => b ? "true" : "false",
            float f => float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity" : f.ToString("R", CultureInfo.InvariantCulture) + "F",
            double d => double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity" : d.ToString("R", CultureInfo.InvariantCulture) + "D",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "default",
        };
        return "(" + type + ")(" + literal + ")";
    }

    // ---- type shapes ----
}
