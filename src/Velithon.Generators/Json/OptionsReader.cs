using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Common;

namespace Velithon.Generators.Json;

/// <summary>
/// Reads the settings a type is compiled with: <c>JsonSerializerDefaults.Web</c>, then the assembly's
/// <c>[VelithonJsonDefaults]</c>, then the type's own <c>[VelithonJson]</c> (what each of them sets).
/// </summary>
internal static class OptionsReader
{
    public const string AttributeName = "Velithon.VelithonJsonAttribute";
    public const string DefaultsAttributeName = "Velithon.VelithonJsonDefaultsAttribute";

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
            if (named.Value.Value is bool flag)
            {
                options = named.Key switch
                {
                    "PropertyNameCaseInsensitive" => options with { PropertyNameCaseInsensitive = flag },
                    "UseStringEnumConverter" => options with { UseStringEnumConverter = flag },
                    "IgnoreReadOnlyProperties" => options with { IgnoreReadOnlyProperties = flag },
                    "IgnoreReadOnlyFields" => options with { IgnoreReadOnlyFields = flag },
                    "IncludeFields" => options with { IncludeFields = flag },
                    "RespectRequiredConstructorParameters" => options with { RespectRequiredConstructorParameters = flag },
                    _ => options,
                };

                continue;
            }

            if (named.Value.Value is not int value)
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
            }
        }

        return options;
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
            DiagnosticDescriptors.UnsupportedAttributeUsage,
            location,
            constructor
                ? string.Format(CultureInfo.InvariantCulture, "[{0}(({1}){2})] is not valid: expected {3}", ShortName(attribute), setting, value, expected)
                : string.Format(CultureInfo.InvariantCulture, "[{0}({1} = {2})] is not valid: expected {3}", ShortName(attribute), setting, value, expected)));
    }

    private static string ShortName(AttributeData attribute)
    {
        string name = attribute.AttributeClass?.Name ?? "VelithonJson";
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }
}
