using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Common;
using Velithon.CodeAnalysis;

namespace Velithon.Generators.Json;

/// <summary>
/// Reads the settings a type is compiled with: <c>JsonSerializerDefaults.Web</c>, then the assembly's
/// <c>[VelithonJsonDefaults]</c>, then the type's own <c>[VelithonJson]</c> (what each of them sets).
/// </summary>
internal static class OptionsReader
{
    public const string AttributeName = VelithonMetadataNames.VelithonJsonAttribute;
    public const string DefaultsAttributeName = VelithonMetadataNames.VelithonJsonDefaultsAttribute;

    /// <summary>The settings of <paramref name="type"/>; invalid values of its own attribute are reported into <paramref name="diagnostics"/>.</summary>
    public static JsonOptionsModel Read(INamedTypeSymbol type, List<DiagnosticInfo>? diagnostics, CancellationToken cancellationToken)
    {
        JsonOptionsModel options = JsonOptionsModel.Web;
        if (Find(type.ContainingAssembly, DefaultsAttributeName) is { } defaults)
        {
            options = Apply(options, defaults, null, cancellationToken);
        }

        if (Find(type, AttributeName) is { } own)
        {
            options = Apply(options, own, diagnostics, cancellationToken);
        }

        return options;
    }

    /// <summary>The settings of a type that implements <c>IVelithonJson&lt;T&gt;</c> itself (its default contract: the Web defaults).</summary>
    public static JsonOptionsModel HandWritten => JsonOptionsModel.Web;

    /// <summary>Invalid values in the assembly's <c>[VelithonJsonDefaults]</c> (reported once, not per type).</summary>
    public static EquatableArray<DiagnosticInfo> AssemblyDiagnostics(Compilation compilation, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        if (Find(compilation.Assembly, DefaultsAttributeName) is { } defaults)
        {
            Apply(JsonOptionsModel.Web, defaults, diagnostics, cancellationToken);
        }

        return diagnostics.ToEquatableArray();
    }

    private static AttributeData? Find(ISymbol symbol, string name)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == name)
            {
                return attribute;
            }
        }

        return null;
    }

    private static JsonOptionsModel Apply(JsonOptionsModel options, AttributeData attribute, List<DiagnosticInfo>? diagnostics, CancellationToken cancellationToken)
    {
        // The constructor's JsonSerializerDefaults first (what they decide), then the properties set.
        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int defaults)
        {
            switch (defaults)
            {
                case 0:
                    options = options.WithDefaults(JsonOptionsModel.General);
                    break;
                case 1:
                    options = options.WithDefaults(JsonOptionsModel.Web);
                    break;
                default:
                    Invalid(attribute, diagnostics, "JsonSerializerDefaults", defaults, "JsonSerializerDefaults.General or JsonSerializerDefaults.Web", cancellationToken, constructor: true);
                    break;
            }
        }

        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            // The writing settings, validated as JsonSerializerOptions validates them (VLG111 otherwise).
            switch (named.Key)
            {
                case "IndentCharacter" when named.Value.Value is char indentCharacter:
                    if (indentCharacter is ' ' or '\t')
                    {
                        options = options with { IndentCharacter = indentCharacter };
                    }
                    else
                    {
                        InvalidWriting(attribute, diagnostics, named.Key, indentCharacter is > ' ' and < '\u007F' ? "'" + indentCharacter + "'" : "'\\u" + ((int)indentCharacter).ToString("X4", CultureInfo.InvariantCulture) + "'", "' ' or '\\t' (JsonSerializerOptions: \"Supported indentation characters are space and horizontal tab.\")", cancellationToken);
                    }

                    continue;
                case "IndentSize" when named.Value.Value is int indentSize:
                    if (indentSize is >= 0 and <= 127)
                    {
                        options = options with { IndentSize = indentSize };
                    }
                    else
                    {
                        InvalidWriting(attribute, diagnostics, named.Key, indentSize.ToString(CultureInfo.InvariantCulture), "0 to 127 (JsonSerializerOptions: \"Indentation size must be between 0 and 127.\")", cancellationToken);
                    }

                    continue;
                case "NewLine":
                    if (named.Value.Value is string newLine && newLine is "\n" or "\r\n")
                    {
                        options = options with { NewLine = newLine };
                    }
                    else
                    {
                        InvalidWriting(attribute, diagnostics, named.Key, named.Value.Value is string text ? CSharpString(text) : "null", "\"\\n\" or \"\\r\\n\" (JsonSerializerOptions: \"New line can be only \"\\n\" or \"\\r\\n\".\")", cancellationToken);
                    }

                    continue;
            }

            if (named.Value.Value is bool flag)
            {
                options = named.Key switch
                {
                    "PropertyNameCaseInsensitive" => options with { PropertyNameCaseInsensitive = flag },
                    "UseStringEnumConverter" => options with { UseStringEnumConverter = flag },
                    "WriteIndented" => options with { WriteIndented = flag },
                    "AllowTrailingCommas" => options with { AllowTrailingCommas = flag },
                    "AllowOutOfOrderMetadataProperties" => options with { AllowOutOfOrderMetadataProperties = flag },
                    "IgnoreReadOnlyProperties" => options with { IgnoreReadOnlyProperties = flag },
                    "IgnoreReadOnlyFields" => options with { IgnoreReadOnlyFields = flag },
                    "IncludeFields" => options with { IncludeFields = flag },
                    "RespectRequiredConstructorParameters" => options with { RespectRequiredConstructorParameters = flag },
                    "RespectNullableAnnotations" => options with { RespectNullableAnnotations = flag },
                    _ => options,
                };

                continue;
            }

            // Enum values arrive as their underlying type (JsonCommentHandling is a byte enum).
            if (!TryGetInt(named.Value.Value, out int value))
            {
                continue;
            }

            switch (named.Key)
            {
                case "NumberHandling" when value is >= 0 and <= 7:
                    options = options with { NumberHandling = (NumberHandling)value };
                    break;
                case "NumberHandling":
                    Invalid(attribute, diagnostics, named.Key, value, "a combination of JsonNumberHandling flags", cancellationToken);
                    break;
                case "DefaultIgnoreCondition" when value is 0 or 2 or 3:
                    options = options with { DefaultIgnoreCondition = (IgnoreCondition)value };
                    break;
                case "DefaultIgnoreCondition":
                    // STJ throws for Always as a default, and applies neither WhenWriting nor WhenReading as one.
                    Invalid(attribute, diagnostics, named.Key, value, "JsonIgnoreCondition.Never, JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault", cancellationToken);
                    break;
                case "PropertyNamingPolicy" when IsNamingPolicy(value):
                    options = options with { PropertyNamingPolicy = (NamingPolicy)value };
                    break;
                case "DictionaryKeyPolicy" when IsNamingPolicy(value):
                    options = options with { DictionaryKeyPolicy = (NamingPolicy)value };
                    break;
                case "PropertyNamingPolicy":
                case "DictionaryKeyPolicy":
                    Invalid(attribute, diagnostics, named.Key, value, "a JsonKnownNamingPolicy member", cancellationToken);
                    break;
                case "ReadCommentHandling" when value is 0 or 1:
                    options = options with { ReadCommentHandling = (CommentHandling)value };
                    break;
                case "ReadCommentHandling":
                    // JsonSerializerOptions throws ArgumentOutOfRangeException for Allow: the serializer cannot store comments.
                    InvalidValue(attribute, diagnostics, named.Key, value == 2 ? "JsonCommentHandling.Allow" : "(JsonCommentHandling)" + Format(value),
                        "JsonCommentHandling.Disallow or JsonCommentHandling.Skip (System.Text.Json cannot store comments when deserializing: JsonSerializerOptions rejects Allow)", cancellationToken);
                    break;
                case "UnmappedMemberHandling" when value is 0 or 1:
                    options = options with { UnmappedMemberHandling = (UnmappedMembers)value };
                    break;
                case "UnmappedMemberHandling":
                    InvalidValue(attribute, diagnostics, named.Key, "(JsonUnmappedMemberHandling)" + Format(value), "JsonUnmappedMemberHandling.Skip or JsonUnmappedMemberHandling.Disallow", cancellationToken);
                    break;
                case "PreferredObjectCreationHandling" when value is 0 or 1:
                    options = options with { Populate = value == 1 };
                    break;
                case "PreferredObjectCreationHandling":
                    // JsonSerializerOptions throws ArgumentOutOfRangeException for an undefined value.
                    InvalidValue(attribute, diagnostics, named.Key, "(JsonObjectCreationHandling)" + Format(value), "JsonObjectCreationHandling.Replace or JsonObjectCreationHandling.Populate", cancellationToken);
                    break;
                case "MaxDepth" when value >= 0:
                    options = options with { MaxDepth = value };
                    break;
                case "MaxDepth":
                    InvalidValue(attribute, diagnostics, named.Key, Format(value), "0 (the default, 64) or a positive depth (JsonSerializerOptions rejects a negative MaxDepth)", cancellationToken);
                    break;
            }
        }

        return options;
    }

    private static bool TryGetInt(object? value, out int result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case byte b: result = b; return true;
            case sbyte sb: result = sb; return true;
            case short sh: result = sh; return true;
            case ushort us: result = us; return true;
            default: result = 0; return false;
        }
    }

    private static bool IsNamingPolicy(int value) => value is >= (int)NamingPolicy.Unspecified and <= (int)NamingPolicy.KebabCaseUpper;

    private static void Invalid(AttributeData attribute, List<DiagnosticInfo>? diagnostics, string setting, int value, string expected, CancellationToken cancellationToken, bool constructor = false)
    {
        if (diagnostics is null)
        {
            return;
        }

        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
        diagnostics.Add(DiagnosticInfo.Create(
            JsonDiagnostics.UnsupportedAttributeUsage,
            location,
            constructor
                ? string.Format(CultureInfo.InvariantCulture, "[{0}(({1}){2})] is not valid: expected {3}", ShortName(attribute), setting, value, expected)
                : string.Format(CultureInfo.InvariantCulture, "[{0}({1} = {2})] is not valid: expected {3}", ShortName(attribute), setting, value, expected)));
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reports VLG108: a value JsonSerializerOptions itself would reject (or that names no member of the enum).</summary>
    private static void InvalidValue(AttributeData attribute, List<DiagnosticInfo>? diagnostics, string setting, string value, string expected, CancellationToken cancellationToken) =>
        Report(JsonDiagnostics.InvalidOptionValue, attribute, diagnostics, setting, value, expected, cancellationToken);

    /// <summary>Reports VLG111: a writing setting (indentation, line break) JsonSerializerOptions itself would reject.</summary>
    private static void InvalidWriting(AttributeData attribute, List<DiagnosticInfo>? diagnostics, string setting, string value, string expected, CancellationToken cancellationToken) =>
        Report(JsonDiagnostics.InvalidWritingSetting, attribute, diagnostics, setting, value, expected, cancellationToken);

    private static void Report(DiagnosticDescriptor descriptor, AttributeData attribute, List<DiagnosticInfo>? diagnostics, string setting, string value, string expected, CancellationToken cancellationToken)
    {
        if (diagnostics is null)
        {
            return;
        }

        LocationInfo? location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation());
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, ShortName(attribute), setting, value, expected));
    }

    // A string as a C# literal, for the message: control characters as escapes.
    private static string CSharpString(string text)
    {
        var builder = new System.Text.StringBuilder("\"");
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < ' ' => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static string ShortName(AttributeData attribute)
    {
        string name = attribute.AttributeClass?.Name ?? "VelithonJson";
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }
}
