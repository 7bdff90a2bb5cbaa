using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Velithon.Analyzers.Caching;

/// <summary>Matches an attribute's written name, with or without the <c>Attribute</c> suffix and any qualifier.</summary>
internal static class AttributeNames
{
    public static bool Is(NameSyntax name, string shortName)
    {
        string text = name switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s => s.Identifier.ValueText,
            _ => string.Empty,
        };
        return text == shortName || text == shortName + "Attribute";
    }
}
