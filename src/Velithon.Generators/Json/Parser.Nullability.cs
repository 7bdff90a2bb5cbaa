using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Json;

// RespectNullableAnnotations: which members and constructor parameters refuse null, as System.Text.Json reads their
// annotations through NullabilityInfoContext (the metadata of the declaration, not of a constructed use of it).
internal sealed partial class Parser
{
    private const string CodeAnalysisNamespace = "System.Diagnostics.CodeAnalysis.";

    /// <summary>
    /// Whether <paramref name="symbol"/> (a property or field) refuses null: when written (its getter; <c>[MaybeNull]</c>
    /// allows it, <c>[NotNull]</c> refuses it) or when read (its setter; <c>[AllowNull]</c>, <c>[DisallowNull]</c>).
    /// </summary>
    private static bool RefusesNull(ISymbol symbol, bool whenWritten)
    {
        ISymbol definition = symbol.OriginalDefinition;
        ITypeSymbol type = definition is IPropertySymbol property ? property.Type : ((IFieldSymbol)definition).Type;
        return RefusesNull(definition, type, whenWritten ? "MaybeNullAttribute" : "AllowNullAttribute", whenWritten ? "NotNullAttribute" : "DisallowNullAttribute");
    }

    /// <summary>Whether a constructor parameter refuses null (<c>[AllowNull]</c> allows it, <c>[DisallowNull]</c> refuses it).</summary>
    private static bool RefusesNull(IParameterSymbol parameter)
    {
        IParameterSymbol definition = parameter.OriginalDefinition;
        return RefusesNull(definition, definition.Type, "AllowNullAttribute", "DisallowNullAttribute");
    }

    private static bool RefusesNull(ISymbol symbol, ITypeSymbol type, string allows, string refuses)
    {
        if (type.IsValueType)
        {
            return false;
        }

        if (HasAttribute(symbol, CodeAnalysisNamespace + refuses))
        {
            return true;
        }

        if (type.NullableAnnotation != NullableAnnotation.NotAnnotated || HasAttribute(symbol, CodeAnalysisNamespace + allows))
        {
            return false;
        }

        // A type parameter is nullable unless its own constraint says otherwise (notnull, or class without '?'): a
        // closed generic type carries no annotation of its type arguments, and System.Text.Json reads the constraint.
        return type is not ITypeParameterSymbol parameter
            || parameter.HasNotNullConstraint
            || (parameter.HasReferenceTypeConstraint && parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.NotAnnotated);
    }
}
