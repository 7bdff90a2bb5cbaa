using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Interning;

/// <summary>The VLG2xx diagnostics of the <c>[InternedStrings]</c> generator (pages in docs/diagnostics).</summary>
internal static class InterningDiagnostics
{
    private const string Category = "Velithon.Interning";
    private const string HelpBase = "https://github.com/velithon/velithon-gen/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor ClassNotStatic = new(
        id: "VLG201",
        title: "[InternedStrings] class must be static",
        messageFormat: "Class '{0}' must be declared static for [InternedStrings] to generate its string table",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generated table is a set of static members added to the class; the class holds constants only, so it must be a static class.",
        helpLinkUri: HelpBase + "VLG201.md");

    public static readonly DiagnosticDescriptor ClassNotPartial = new(
        id: "VLG202",
        title: "[InternedStrings] class must be partial",
        messageFormat: "Type '{0}' must be declared partial for [InternedStrings] to generate the string table of '{1}'",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator adds TryGet, GetOrAdd, All, Count and the UTF-8 properties to the class, which needs the class and every containing type to be partial.",
        helpLinkUri: HelpBase + "VLG202.md");

    public static readonly DiagnosticDescriptor NotAConstString = new(
        id: "VLG203",
        title: "[InternedStrings] field is not a const string",
        messageFormat: "Field '{0}' of [InternedStrings] class '{1}' is not part of the table: {2}; declare it 'const string' or move it to another class",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Only const string fields with a non-null value are entries of the table; a string field that is not const, or a constant of another type, would silently be missing from it.",
        helpLinkUri: HelpBase + "VLG203.md");

    public static readonly DiagnosticDescriptor DuplicateValue = new(
        id: "VLG204",
        title: "Duplicate value in [InternedStrings] class",
        messageFormat: "Constants '{0}' and '{1}' of [InternedStrings] class '{2}' have the same value \"{3}\"; a lookup can return only one of them",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every value of the table must be distinct (compared ordinally), so that a lookup has exactly one constant to return.",
        helpLinkUri: HelpBase + "VLG204.md");

    public static readonly DiagnosticDescriptor GenericUnsupported = new(
        id: "VLG205",
        title: "Generic [InternedStrings] classes are not supported",
        messageFormat: "Class '{0}' is generic or nested in a generic type; [InternedStrings] supports only non-generic classes",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A generic class has one set of static members per instantiation, while the table is one fixed set of constants; declare it outside any generic type.",
        helpLinkUri: HelpBase + "VLG205.md");

    /// <summary>VLG205 for a file-local class (or one nested in a file-local type): another type in the generated file.</summary>
    public static readonly DiagnosticDescriptor FileLocalUnsupported = new(
        id: "VLG205",
        title: "Generic [InternedStrings] classes are not supported",
        messageFormat: "Class '{0}' is file-local or nested in a file-local type; the generated part, in its own file, would declare another class: make it internal (or private, nested in another type)",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A file-local type is another type in every other file, so the generated part cannot complete it; declare it internal instead.",
        helpLinkUri: HelpBase + "VLG205.md");

    public static readonly DiagnosticDescriptor NoUtf8Form = new(
        id: "VLG206",
        title: "[InternedStrings] value has no UTF-8 form",
        messageFormat: "Constant '{0}' of [InternedStrings] class '{1}' contains a lone surrogate (U+{2} at index {3}), which has no UTF-8 encoding",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A UTF-16 surrogate that is not part of a high-low pair cannot be encoded as UTF-8, so the value could never be found from bytes; the constant is left out of the table.",
        helpLinkUri: HelpBase + "VLG206.md");

    public static readonly DiagnosticDescriptor FileNotFound = new(
        id: "VLG207",
        title: "[InternedStrings] file not found",
        messageFormat: "The file \"{0}\" named by [InternedStrings] on class '{1}' {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "File = \"...\" must name exactly one additional file (an <AdditionalFiles> item) whose path ends with .interned.txt; the table is generated without the file's values otherwise.",
        helpLinkUri: HelpBase + "VLG207.md");

    public static readonly DiagnosticDescriptor InvalidLine = new(
        id: "VLG208",
        title: "Invalid line in a .interned.txt file",
        messageFormat: "Line {0} of '{1}' is not a value: {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A line that starts with a double quote must be exactly one C# regular string literal, and a value must have a UTF-8 form (no lone surrogates); the line is left out of the table.",
        helpLinkUri: HelpBase + "VLG208.md");

    public static readonly DiagnosticDescriptor DuplicateFileValue = new(
        id: "VLG209",
        title: "Duplicate value in a .interned.txt file",
        messageFormat: "Line {0} of '{1}' repeats the value \"{2}\" of {3}; a lookup can return only one of them",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every value of a table must be distinct (compared ordinally); a repeated line gets no member and is left out of the table.",
        helpLinkUri: HelpBase + "VLG209.md");
}
