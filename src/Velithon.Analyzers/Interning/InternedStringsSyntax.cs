using Microsoft.CodeAnalysis.CSharp.Syntax;
using Velithon.CodeAnalysis;

namespace Velithon.Analyzers.Interning;

/// <summary>Syntax-only checks shared by the VLG303 analyzer and its code fix.</summary>
internal static class InternedStringsSyntax
{
    /// <summary>Metadata name of the attribute that marks a compile-time string table.</summary>
    public const string AttributeMetadataName = VelithonMetadataNames.InternedStringsAttribute;

    /// <summary>Whether <paramref name="type"/> carries <c>[InternedStrings]</c> (by name, as written).</summary>
    public static bool HasInternedStringsAttribute(TypeDeclarationSyntax type)
    {
        foreach (AttributeListSyntax list in type.AttributeLists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                string name = attribute.Name switch
                {
                    QualifiedNameSyntax q => q.Right.Identifier.ValueText,
                    AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
                    SimpleNameSyntax s => s.Identifier.ValueText,
                    _ => string.Empty,
                };
                if (name is "InternedStrings" or "InternedStringsAttribute")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
