using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Json;

/// <summary>The VLG1xx diagnostics of the <c>[VelithonJson]</c> generator (pages in docs/diagnostics).</summary>
internal static class JsonDiagnostics
{
    private const string Category = "Velithon.Json";
    private const string HelpBase = "https://github.com/velithon/velithon-gen/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor TypeNotPartial = new(
        id: "VLG101",
        title: "[VelithonJson] type must be partial",
        messageFormat: "Type '{0}' must be declared partial for [VelithonJson] to generate its serializer",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The generator adds IVelithonJson<T> and its methods to the type, which needs the type and every containing type to be partial.",
        helpLinkUri: HelpBase + "VLG101.md");

    public static readonly DiagnosticDescriptor UnsupportedMemberType = new(
        id: "VLG102",
        title: "Unsupported member type",
        messageFormat: "Member '{0}' has type '{1}', which [VelithonJson] cannot serialize",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Supported: primitives, string, char, Guid, dates and times, Uri, byte[], enums, Nullable<T>, arrays, lists, sets, queues, stacks, observable and immutable collections, dictionaries with the keys System.Text.Json supports, and other [VelithonJson] types.",
        helpLinkUri: HelpBase + "VLG102.md");

    /// <summary>VLG102 for a type without [VelithonJson] that cannot be generated outside it, with the reason.</summary>
    public static readonly DiagnosticDescriptor UnsupportedPlainMemberType = new(
        id: "VLG102",
        title: "Unsupported member type",
        messageFormat: "Member '{0}' has type '{1}', which [VelithonJson] cannot serialize: {2}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A class, struct or record without [VelithonJson] is generated outside the type when System.Text.Json can write and read it through its public members; this one cannot be, for the reason given.",
        helpLinkUri: HelpBase + "VLG102.md");

    /// <summary>The diagnostic property of VLG122 that holds the plain type's metadata name.</summary>
    public const string PlainTypeProperty = "PlainType";

    public static readonly DiagnosticDescriptor PlainTypeGenerated = new(
        id: "VLG122",
        title: "Member type generated outside the type",
        messageFormat: "Member '{0}' has type '{1}', which has no [VelithonJson]: it is written and read by code generated outside the type, through its public members as System.Text.Json sees them; add [VelithonJson] and partial to '{1}' to compile it with its own settings, private members and a registration of its own",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "A class, struct or record reached from a [VelithonJson] type without [VelithonJson] itself is generated as a file-local handler in the reaching type's file, compiled with the reaching type's settings. A code fix adds [VelithonJson] and partial when the type is declared in the solution.",
        helpLinkUri: HelpBase + "VLG122.md");

    public static readonly DiagnosticDescriptor UnsupportedAttributeUsage = new(
        id: "VLG103",
        title: "Unsupported attribute usage",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An attribute, or a combination of attributes, that the generator cannot honour exactly as System.Text.Json would.",
        helpLinkUri: HelpBase + "VLG103.md");

    public static readonly DiagnosticDescriptor NoUsableConstructor = new(
        id: "VLG104",
        title: "No usable constructor for deserialization",
        messageFormat: "Type '{0}' cannot be deserialized: {1}; ReadJson will throw NotSupportedException",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Reading needs a [JsonConstructor], a public parameterless constructor, or a single public constructor whose parameters all bind to members.",
        helpLinkUri: HelpBase + "VLG104.md");

    public static readonly DiagnosticDescriptor DuplicateJsonName = new(
        id: "VLG105",
        title: "Duplicate JSON property name",
        messageFormat: "Members '{0}' and '{1}' of type '{2}' both map to the JSON name '{3}' ({4})",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each serialized member needs a distinct JSON name, compared as System.Text.Json compares them: ignoring case when PropertyNameCaseInsensitive (the Web defaults), as written otherwise.",
        helpLinkUri: HelpBase + "VLG105.md");

    public static readonly DiagnosticDescriptor GenericTypeUnsupported = new(
        id: "VLG106",
        title: "Generic [VelithonJson] type not supported in this form",
        messageFormat: "Generic [VelithonJson] type '{0}' is not supported: {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A generic [VelithonJson] type writes and reads its type arguments through JsonValueHandler<T>, which follows System.Text.Json's Web defaults; a type nested in a generic type, or one compiled with settings that change how a type argument is written, is refused.",
        helpLinkUri: HelpBase + "VLG106.md");

    public static readonly DiagnosticDescriptor MixedOptions = new(
        id: "VLG107",
        title: "Member type compiled with other JSON settings",
        messageFormat: "Member '{0}' of '{1}' has type '{2}', which is compiled with other [VelithonJson] settings: {3}; System.Text.Json writes and reads a whole object graph with one JsonSerializerOptions, so give both types the same settings",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Each [VelithonJson] type is compiled for one set of JsonSerializerOptions settings; a member whose [VelithonJson] type (or element type) was compiled for other settings would be written and read with those, which System.Text.Json never does within one object graph.",
        helpLinkUri: HelpBase + "VLG107.md");

    public static readonly DiagnosticDescriptor InvalidOptionValue = new(
        id: "VLG108",
        title: "Invalid JSON option value",
        messageFormat: "[{0}({1} = {2})] is not valid: expected {3}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [VelithonJson] or [VelithonJsonDefaults] setting has a value that JsonSerializerOptions rejects (it throws ArgumentOutOfRangeException), or that is no member of its enum; the generated code cannot implement options System.Text.Json cannot run with.",
        helpLinkUri: HelpBase + "VLG108.md");

    public static readonly DiagnosticDescriptor InvalidWritingSetting = new(
        id: "VLG111",
        title: "Invalid JSON writing setting",
        messageFormat: "[{0}({1} = {2})] is not valid: expected {3}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "WriteIndented's settings take the values JsonSerializerOptions accepts: IndentCharacter ' ' or '\\t', IndentSize 0 to 127, NewLine \"\\n\" or \"\\r\\n\". System.Text.Json throws ArgumentOutOfRangeException for any other value, so there are no bytes to match.",
        helpLinkUri: HelpBase + "VLG111.md");

    public static readonly DiagnosticDescriptor InvalidSettingValue = new(
        id: "VLG109",
        title: "Invalid JSON setting value",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [VelithonJson]/[VelithonJsonDefaults] setting or a System.Text.Json attribute that selects members or decides how they are checked has a value that is not defined, which System.Text.Json would refuse.",
        helpLinkUri: HelpBase + "VLG109.md");

    public static readonly DiagnosticDescriptor ConverterUnusable = new(
        id: "VLG110",
        title: "Custom JsonConverter cannot be used",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [JsonConverter] on a member or on a member's type that System.Text.Json would refuse when it builds the contract (a converter that cannot convert the member's type, or that it cannot create), or that generated code cannot create.",
        helpLinkUri: HelpBase + "VLG110.md");

    public static readonly DiagnosticDescriptor DerivedTypeNotGenerated = new(
        id: "VLG112",
        title: "Derived type is not a [VelithonJson] type",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every type a polymorphic [VelithonJson] base lists in [JsonDerivedType] must be a partial [VelithonJson] class itself, compiled with the same settings and reachable from the base's generated code: the base dispatches to its generated writer and reader.",
        helpLinkUri: HelpBase + "VLG112.md");

    public static readonly DiagnosticDescriptor InvalidPolymorphism = new(
        id: "VLG113",
        title: "Polymorphism configuration System.Text.Json rejects",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A [JsonPolymorphic]/[JsonDerivedType] configuration System.Text.Json refuses with InvalidOperationException when it builds the contract: a type that does not derive from (or implement) the base, a type or a discriminator listed twice, an abstract derived type or an interface without FallBackToNearestAncestor, a member named like the discriminator property.",
        helpLinkUri: HelpBase + "VLG113.md");

    public static readonly DiagnosticDescriptor PolymorphismNotCompiled = new(
        id: "VLG114",
        title: "Polymorphism shape not compiled",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A polymorphic shape System.Text.Json supports that the generator does not compile yet: a generic base or derived type, an interface or struct listed by an interface base, an interface base inheriting properties from interfaces that are not one chain, [JsonPolymorphic] without [JsonDerivedType], a member name starting with '$' in a type that reads metadata.",
        helpLinkUri: HelpBase + "VLG114.md");
    public static readonly DiagnosticDescriptor IndentedDocumentValue = new(
        id: "VLG115",
        title: "JSON document member in an indented type",
        messageFormat: "Member '{0}' has type '{1}', which [VelithonJson] cannot write indented",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A JsonElement, JsonDocument or JsonNode value (or an object, which may hold one) is written by System.Text.Json's own writer, indented from its own depth; in a WriteIndented type its lines would be indented less than System.Text.Json indents them, so the member is refused.",
        helpLinkUri: HelpBase + "VLG115.md");

    public static readonly DiagnosticDescriptor ObjectWithNumberHandling = new(
        id: "VLG116",
        title: "object member with number handling",
        messageFormat: "Member '{0}' holds 'object' values, which [VelithonJson] cannot write with {1}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "An object member is written by System.Text.Json's converter of the value's runtime type; with JsonNumberHandling.WriteAsString or AllowNamedFloatingPointLiterals System.Text.Json passes the member's number handling to that converter, which the generated code does not reproduce, so the member is refused.",
        helpLinkUri: HelpBase + "VLG116.md");

    public static readonly DiagnosticDescriptor PopulateRejected = new(
        id: "VLG118",
        title: "JsonObjectCreationHandling.Populate System.Text.Json rejects",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] on a member System.Text.Json cannot populate (an immutable type, a value type without a setter, a member without a getter, a custom converter) or on a type read through a constructor with parameters: System.Text.Json throws when it builds the contract, so a program that does this cannot work with System.Text.Json either. The message is System.Text.Json's.",
        helpLinkUri: HelpBase + "VLG118.md");

    public static readonly DiagnosticDescriptor TypeArgumentWithoutHandler = new(
        id: "VLG117",
        title: "Type argument without a JSON handler",
        messageFormat: "Member '{0}' of '{1}': type argument '{2}' has no JSON handler: {3}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A type argument of a generic [VelithonJson] type is written and read through its JSON handler (JsonValueHandler<T>). This one cannot have one: System.Text.Json writes it but cannot read it (IReadOnlySet<T>, FrozenSet<T>, FrozenDictionary<TKey, TValue>, ConcurrentBag<T>, ReadOnlyCollection<T>, ReadOnlyDictionary<TKey, TValue>), it is a type without [VelithonJson], or it holds such a type or one [VelithonJson] does not support. The member is refused rather than failing with NotSupportedException on its first write or read.",
        helpLinkUri: HelpBase + "VLG117.md");

    public static readonly DiagnosticDescriptor PopulateNotCompiled = new(
        id: "VLG119",
        title: "Populated member shape not compiled",
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "System.Text.Json would populate this member (JsonObjectCreationHandling.Populate), but the generated code does not compile that shape yet (a struct, a Nullable struct, a polymorphic type, a type parameter, an object type that is not read into an existing instance). The member is refused rather than read otherwise than System.Text.Json would.",
        helpLinkUri: HelpBase + "VLG119.md");
}
