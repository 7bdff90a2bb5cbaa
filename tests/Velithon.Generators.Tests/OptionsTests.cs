using System.Globalization;
using System.Text.Json;
using CsCheck;
using Microsoft.CodeAnalysis;
using Velithon.Generators.Json;

namespace Velithon.Generators.Tests;

/// <summary>
/// Compile-time settings ([VelithonJson(...)], [assembly: VelithonJsonDefaults(...)]): names computed as System.Text.Json's
/// policies compute them, settings that cannot be honoured refused at build time, and no mixed settings in one graph.
/// </summary>
public sealed class OptionsTests
{
    public static TheoryData<int> Policies => new() { 1, 2, 3, 4, 5 };

    // Identifier-like names: letters of every case, digits, underscores, and the runs that decide word breaks.
    private static readonly Gen<string> Identifier = Gen.Frequency(
            (6, Gen.Char['A', 'Z'].Select(c => c.ToString())),
            (6, Gen.Char['a', 'z'].Select(c => c.ToString())),
            (3, Gen.Char['0', '9'].Select(c => c.ToString())),
            (2, Gen.OneOf("_", "__", "ID", "URL", "XMLHttp", "Ab", "aB", "IO", "2D")),
            (2, Gen.OneOf("É", "é", "ß", "İ", "ı", "Σ", "ς", "Ǆ", "ǅ", "ǆ", "Ⅻ", "ⅻ", "ª", "ǈ", "Ａ", "ａ", "١", "ʰ")))
        .Array[0, 12]
        .Select(string.Concat);

    // Any UTF-16 text: spaces of every kind, punctuation, surrogates (paired and lone), controls.
    private static readonly Gen<string> AnyText = Gen.Frequency(
            (4, Gen.Char),
            (2, Gen.OneOf(' ', '\u00A0', '\u2003', '\u3000', '-', '_', '.', '\t')),
            (2, Gen.Int[0x10000, 0x10FFFF].Select(cp => char.ConvertFromUtf32(cp)[0])))
        .Array[0, 16]
        .Select(chars => new string(chars));

    [Theory]
    [MemberData(nameof(Policies))]
    public void Names_are_converted_as_STJs_policy_converts_them(int policy)
    {
        JsonNamingPolicy stj = StjPolicy(policy);
        Gen.Frequency((3, Identifier), (1, AnyText)).Sample(
            name => Assert.Equal(stj.ConvertName(name), JsonNames.ConvertName((NamingPolicy)policy, name)),
            iter: 20_000,
            print: name => string.Join(" ", name.Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("XMLReader")]
    [InlineData("IDs")]
    [InlineData("SHA512Hash")]
    [InlineData("A B  C")]
    [InlineData("  Lead Trail  ")]
    [InlineData("already_snake")]
    [InlineData("kebab-Case")]
    [InlineData("URLValue")]
    [InlineData("ÉtéCafé")]
    public void Known_names_are_converted_as_STJ_converts_them(string name)
    {
        foreach (int policy in new[] { 1, 2, 3, 4, 5 })
        {
            Assert.Equal(StjPolicy(policy).ConvertName(name), JsonNames.ConvertName((NamingPolicy)policy, name));
        }

        Assert.Equal(name, JsonNames.ConvertName(NamingPolicy.Unspecified, name));
    }

    [Fact]
    public void The_naming_policy_names_members_and_JsonPropertyName_wins()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseUpper)]
            public partial class Kebab
            {
                public int XMLValue { get; set; }

                [JsonPropertyName("asIs")]
                public int Renamed { get; set; }
            }
            """;

        string generated = GeneratedSource(Source);
        Assert.Contains("\"\\\"XML-VALUE\\\":\"u8", generated, StringComparison.Ordinal);
        Assert.Contains("\",\\\"asIs\\\":\"u8", generated, StringComparison.Ordinal);
        Assert.Contains("PropertyNamingPolicy = global::System.Text.Json.JsonNamingPolicy.KebabCaseUpper,", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Unspecified_names_members_as_declared_and_states_a_null_policy()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.Unspecified)]
            public partial class Declared
            {
                public int XMLValue { get; set; }
            }
            """;

        string generated = GeneratedSource(Source);
        Assert.Contains("\"\\\"XMLValue\\\":\"u8", generated, StringComparison.Ordinal);
        Assert.Contains("PropertyNamingPolicy = null,", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void The_assembly_defaults_apply_and_a_types_own_setting_overrides_them()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            [assembly: Velithon.VelithonJsonDefaults(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = JsonKnownNamingPolicy.CamelCase)]

            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Inherits
            {
                public int FirstValue { get; set; }
            }

            [Velithon.VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.KebabCaseLower)]
            public partial class Overrides
            {
                public int FirstValue { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string inherits = result.Sources.Single(s => s.HintName.StartsWith("Demo.Inherits", StringComparison.Ordinal)).SourceText.ToString();
        string overrides = result.Sources.Single(s => s.HintName.StartsWith("Demo.Overrides", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("\\\"first_value\\\":", inherits, StringComparison.Ordinal);
        Assert.Contains("DictionaryKeyPolicy = global::System.Text.Json.JsonNamingPolicy.CamelCase,", inherits, StringComparison.Ordinal);
        Assert.Contains("\\\"first-value\\\":", overrides, StringComparison.Ordinal);
        Assert.Contains("DictionaryKeyPolicy = global::System.Text.Json.JsonNamingPolicy.CamelCase,", overrides, StringComparison.Ordinal);
    }

    [Fact]
    public void VLG107_a_member_type_compiled_with_other_settings_is_reported_on_the_member()
    {
        const string Source = """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
            public partial class Order
            {
                public int Id { get; set; }
                public Line? First { get; set; }
                public List<Line>? Lines { get; set; }
                public Dictionary<string, Line[]>? ByKey { get; set; }
                public Same? Fine { get; set; }
                public Order? Parent { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Line
            {
                public int Qty { get; set; }
            }

            [Velithon.VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
            public partial class Same
            {
                public int Qty { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic[] diagnostics = [.. result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start)];
        Assert.Equal(["VLG107", "VLG107", "VLG107"], diagnostics.Select(d => d.Id));
        Assert.Equal(["First", "Lines", "ByKey"], diagnostics.Select(d => Source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)));
        Assert.Equal(
            "Member 'First' of 'Demo.Order' has type 'Demo.Line', which is compiled with other [VelithonJson] settings: PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase (here: JsonKnownNamingPolicy.SnakeCaseLower); System.Text.Json writes and reads a whole object graph with one JsonSerializerOptions, so give both types the same settings",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void VLG107_a_hand_written_IVelithonJson_type_counts_as_the_Web_defaults()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
            public partial class Holder
            {
                public Manual? Inner { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class WebHolder
            {
                public Manual? Inner { get; set; }
            }

            public sealed class Manual : Velithon.IVelithonJson<Manual>
            {
                public static void WriteJson(ref Velithon.Json.VelithonJsonWriter writer, Manual value) => writer.WriteNull();

                public static Manual ReadJson(ref System.Text.Json.Utf8JsonReader reader, Velithon.VelithonJsonOptions options) => new();
            }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(Source).GeneratorDiagnostics);
        Assert.Equal("VLG107", diagnostic.Id);
        Assert.Contains("'Demo.Holder'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_setting_is_reported_on_the_attribute()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            [assembly: Velithon.VelithonJsonDefaults(DictionaryKeyPolicy = (JsonKnownNamingPolicy)9)]

            namespace Demo;

            [Velithon.VelithonJson(PropertyNamingPolicy = (JsonKnownNamingPolicy)42)]
            public partial class Odd
            {
                public int A { get; set; }
            }
            """;

        Diagnostic[] diagnostics = [.. GeneratorHarness.Run(Source).GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start)];
        Assert.Equal(["VLG103", "VLG103"], diagnostics.Select(d => d.Id));
        Assert.Equal("[VelithonJsonDefaults(DictionaryKeyPolicy = 9)] is not valid: expected a JsonKnownNamingPolicy member", diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("[VelithonJson(PropertyNamingPolicy = 42)] is not valid: expected a JsonKnownNamingPolicy member", diagnostics[1].GetMessage(CultureInfo.InvariantCulture));
        Assert.StartsWith("Velithon.VelithonJson(", Source.Substring(diagnostics[1].Location.SourceSpan.Start), StringComparison.Ordinal);
    }

    [Fact]
    public void General_names_as_declared_reads_case_sensitively_and_numbers_strictly()
    {
        const string Source = """
            using System.Text.Json;

            namespace Demo;

            [Velithon.VelithonJson(JsonSerializerDefaults.General)]
            public partial class Plain
            {
                public int OrderId { get; set; }
                public double Ratio { get; set; }
            }
            """;

        string generated = GeneratedSource(Source);
        Assert.Contains("\"\\\"OrderId\\\":\"u8", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("NameEqualsIgnoreCase", generated, StringComparison.Ordinal);
        Assert.Contains("global::Velithon.Json.JsonRead.Expect(ref reader, global::System.Text.Json.JsonTokenType.Number, \"System.Int32\");", generated, StringComparison.Ordinal);
        Assert.Contains("PropertyNamingPolicy = null,", generated, StringComparison.Ordinal);
        Assert.Contains("PropertyNameCaseInsensitive = false,", generated, StringComparison.Ordinal);
        Assert.Contains("NumberHandling = global::System.Text.Json.Serialization.JsonNumberHandling.Strict,", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_passed_to_a_types_constructor_override_the_assembly_ones_they_decide_and_keep_the_others()
    {
        const string Source = """
            using System.Text.Json;
            using System.Text.Json.Serialization;

            [assembly: Velithon.VelithonJsonDefaults(JsonSerializerDefaults.General, DictionaryKeyPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]

            namespace Demo;

            [Velithon.VelithonJson(JsonSerializerDefaults.Web)]
            public partial class WebAgain
            {
                public int OrderId { get; set; }
            }
            """;

        string generated = GeneratedSource(Source);
        Assert.Contains("\"\\\"orderId\\\":\"u8", generated, StringComparison.Ordinal);
        Assert.Contains("NameEqualsIgnoreCase", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("PropertyNamingPolicy =", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("NumberHandling =", generated, StringComparison.Ordinal);
        Assert.Contains("DictionaryKeyPolicy = global::System.Text.Json.JsonNamingPolicy.SnakeCaseLower,", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void VLG105_compares_names_as_written_when_reading_is_case_sensitive()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson(PropertyNameCaseInsensitive = false)]
            public partial class Distinct
            {
                public int Value { get; set; }

                [JsonPropertyName("VALUE")]
                public int Other { get; set; }
            }

            [Velithon.VelithonJson(PropertyNameCaseInsensitive = false)]
            public partial class Same
            {
                public int Value { get; set; }

                [JsonPropertyName("value")]
                public int Other { get; set; }
            }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(Source).GeneratorDiagnostics);
        Assert.Equal("VLG105", diagnostic.Id);
        Assert.Equal(
            "Members 'Value' and 'Other' of type 'Demo.Same' both map to the JSON name 'value' (names are compared as written)",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Invalid_defaults_and_number_handling_are_reported_on_the_attribute()
    {
        const string Source = """
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson((JsonSerializerDefaults)5, NumberHandling = (JsonNumberHandling)8)]
            public partial class Odd
            {
                public int A { get; set; }
            }
            """;

        string[] messages = [.. GeneratorHarness.Run(Source).GeneratorDiagnostics.Select(d => d.Id + " " + d.GetMessage(CultureInfo.InvariantCulture))];
        Assert.Equal(
            [
                "VLG103 [VelithonJson((JsonSerializerDefaults)5)] is not valid: expected JsonSerializerDefaults.General or JsonSerializerDefaults.Web",
                "VLG103 [VelithonJson(NumberHandling = 8)] is not valid: expected a combination of JsonNumberHandling flags",
            ],
            messages);
    }

    [Fact]
    public void DefaultIgnoreCondition_applies_to_members_without_their_own_condition()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
            public partial class Sparse
            {
                public int Count { get; set; }
                public int? Maybe { get; set; }
                public string? Text { get; set; }

                [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
                public string? Always { get; set; }

                [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]
                public string? WrittenOnly { get; set; }
            }
            """;

        string generated = GeneratedSource(Source);
        Assert.DoesNotContain("if (value.Count", generated, StringComparison.Ordinal);
        Assert.Contains("if (value.Maybe.HasValue)", generated, StringComparison.Ordinal);
        Assert.Contains("if (value.Text is not null)", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("if (value.Always", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("if (value.WrittenOnly", generated, StringComparison.Ordinal);
        Assert.Contains("DefaultIgnoreCondition = global::System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Always", 1)]
    [InlineData("WhenWriting", 4)]
    [InlineData("WhenReading", 5)]
    public void A_DefaultIgnoreCondition_STJ_does_not_apply_as_a_default_is_reported(string condition, int value)
    {
        string source = $$"""
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson(DefaultIgnoreCondition = JsonIgnoreCondition.{{condition}})]
            public partial class Odd
            {
                public int A { get; set; }
            }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal(
            $"[VelithonJson(DefaultIgnoreCondition = {value})] is not valid: expected JsonIgnoreCondition.Never, JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void UseStringEnumConverter_writes_every_enum_as_names_and_says_so_only_when_the_type_has_enums()
    {
        const string Source = """
            using System.Collections.Generic;

            namespace Demo;

            public enum Mood { Calm, Busy }

            [Velithon.VelithonJson(UseStringEnumConverter = true)]
            public partial class WithEnums
            {
                public Mood? Maybe { get; set; }
                public Dictionary<string, List<Mood>>? ByDay { get; set; }
            }

            [Velithon.VelithonJson(UseStringEnumConverter = true)]
            public partial class WithoutEnums
            {
                public int A { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string withEnums = result.Sources.Single(s => s.HintName.StartsWith("Demo.WithEnums", StringComparison.Ordinal)).SourceText.ToString();
        string withoutEnums = result.Sources.Single(s => s.HintName.StartsWith("Demo.WithoutEnums", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("__VelithonJson_WriteEnum_Demo_Mood(ref writer, __n", withEnums, StringComparison.Ordinal);
        Assert.DoesNotContain("writer.WriteNumber((int)__", withEnums, StringComparison.Ordinal);
        Assert.Contains("EnumsAsStrings = true,", withEnums, StringComparison.Ordinal);
        Assert.DoesNotContain("EnumsAsStrings", withoutEnums, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteIndented_writes_line_breaks_and_indentation_and_states_the_settings_in_the_contract()
    {
        const string Source = """
            using System.Collections.Generic;

            namespace Demo;

            [Velithon.VelithonJson(WriteIndented = true, IndentCharacter = '\t', IndentSize = 1, NewLine = "\r\n")]
            public partial class Pretty
            {
                public int A { get; set; }
                public List<int>? Items { get; set; }
                public Dictionary<string, int>? ByKey { get; set; }
            }

            [Velithon.VelithonJson(WriteIndented = true)]
            public partial class Plain
            {
                public int A { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string pretty = result.Sources.Single(s => s.HintName.StartsWith("Demo.Pretty", StringComparison.Ordinal)).SourceText.ToString();
        string plain = result.Sources.Single(s => s.HintName.StartsWith("Demo.Plain", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("writer.WriteNewLine(false, __VelithonJson_indentation);", pretty, StringComparison.Ordinal);
        Assert.Contains("writer.WriteRaw(\"\\\"a\\\": \"u8);", pretty, StringComparison.Ordinal);
        Assert.Contains("writer.WriteEndObject(true, __VelithonJson_indentation);", pretty, StringComparison.Ordinal);
        Assert.Contains("global::Velithon.Json.JsonIndentation.Create('\\t', 1, \"\\r\\n\");", pretty, StringComparison.Ordinal);
        Assert.Contains("WriteIndented = true,", pretty, StringComparison.Ordinal);
        Assert.Contains("IndentCharacter = '\\t',", pretty, StringComparison.Ordinal);
        Assert.Contains("IndentSize = 1,", pretty, StringComparison.Ordinal);
        Assert.Contains("NewLine = \"\\r\\n\",", pretty, StringComparison.Ordinal);
        Assert.DoesNotContain("WriteRaw(\",\"u8)", pretty, StringComparison.Ordinal);

        // STJ's defaults: two spaces, and no NewLine: Environment.NewLine where the code runs, as STJ's default.
        Assert.Contains("global::Velithon.Json.JsonIndentation.Create(' ', 2, null);", plain, StringComparison.Ordinal);
        Assert.Contains("WriteIndented = true,", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("IndentCharacter =", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("IndentSize =", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("NewLine =", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Indentation_settings_without_WriteIndented_change_nothing()
    {
        const string Compact = """
            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Same
            {
                public int A { get; set; }
                public Same? Next { get; set; }
            }
            """;

        string compact = GeneratedSource(Compact);
        string ignored = GeneratedSource(Compact.Replace("[Velithon.VelithonJson]", "[Velithon.VelithonJson(IndentCharacter = '\\t', IndentSize = 5, NewLine = \"\\r\\n\")]", StringComparison.Ordinal));
        Assert.Equal(compact, ignored);
        Assert.DoesNotContain("Indent", compact, StringComparison.Ordinal);
    }

    [Fact]
    public void VLG111_invalid_writing_settings_are_reported_on_the_attribute_as_STJ_would_refuse_them()
    {
        const string Source = """
            [assembly: Velithon.VelithonJsonDefaults(IndentSize = -1)]

            namespace Demo;

            [Velithon.VelithonJson(WriteIndented = true, IndentCharacter = 'x', IndentSize = 128, NewLine = "\r")]
            public partial class Odd
            {
                public int A { get; set; }
            }

            [Velithon.VelithonJson(WriteIndented = true, IndentCharacter = '\0', NewLine = null)]
            public partial class Odder
            {
                public int A { get; set; }
            }
            """;

        Diagnostic[] diagnostics = [.. GeneratorHarness.Run(Source).GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.GetMessage(CultureInfo.InvariantCulture), StringComparer.Ordinal)];
        Assert.All(diagnostics, d => Assert.Equal(("VLG111", DiagnosticSeverity.Error), (d.Id, d.Severity)));
        Assert.Equal(
            [
                "[VelithonJsonDefaults(IndentSize = -1)] is not valid: expected 0 to 127 (JsonSerializerOptions: \"Indentation size must be between 0 and 127.\")",
                "[VelithonJson(IndentCharacter = 'x')] is not valid: expected ' ' or '\\t' (JsonSerializerOptions: \"Supported indentation characters are space and horizontal tab.\")",
                "[VelithonJson(IndentSize = 128)] is not valid: expected 0 to 127 (JsonSerializerOptions: \"Indentation size must be between 0 and 127.\")",
                "[VelithonJson(NewLine = \"\\r\")] is not valid: expected \"\\n\" or \"\\r\\n\" (JsonSerializerOptions: \"New line can be only \"\\n\" or \"\\r\\n\".\")",
                "[VelithonJson(IndentCharacter = '\\u0000')] is not valid: expected ' ' or '\\t' (JsonSerializerOptions: \"Supported indentation characters are space and horizontal tab.\")",
                "[VelithonJson(NewLine = null)] is not valid: expected \"\\n\" or \"\\r\\n\" (JsonSerializerOptions: \"New line can be only \"\\n\" or \"\\r\\n\".\")",
            ],
            diagnostics.Select(d => d.GetMessage(CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("WriteIndented = true", "", "WriteIndented = false (here: true)")]
    [InlineData("WriteIndented = true, IndentCharacter = '\\t'", "WriteIndented = true", "IndentCharacter = ' ' (here: '\\t')")]
    [InlineData("WriteIndented = true, IndentSize = 4", "WriteIndented = true", "IndentSize = 2 (here: 4)")]
    [InlineData("WriteIndented = true, NewLine = \"\\n\"", "WriteIndented = true", "NewLine = Environment.NewLine (not set) (here: \"\\n\")")]
    public void VLG107_a_member_type_indented_otherwise_is_reported(string outer, string inner, string difference)
    {
        string source = $$"""
            namespace Demo;

            [Velithon.VelithonJson({{outer}})]
            public partial class Outer
            {
                public Inner? Child { get; set; }
            }

            [Velithon.VelithonJson({{inner}})]
            public partial class Inner
            {
                public int A { get; set; }
            }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("VLG107", diagnostic.Id);
        Assert.Contains("which is compiled with other [VelithonJson] settings: " + difference + ";", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG107_indentation_settings_of_compact_types_are_not_differences()
    {
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson(IndentSize = 4)]
            public partial class Outer
            {
                public Inner? Child { get; set; }
            }

            [Velithon.VelithonJson(IndentCharacter = '\t')]
            public partial class Inner
            {
                public int A { get; set; }
            }
            """;

        Assert.Empty(GeneratorHarness.Run(Source).GeneratorDiagnostics);
    }

    internal static JsonNamingPolicy StjPolicy(int policy) => policy switch
    {
        1 => JsonNamingPolicy.CamelCase,
        2 => JsonNamingPolicy.SnakeCaseLower,
        3 => JsonNamingPolicy.SnakeCaseUpper,
        4 => JsonNamingPolicy.KebabCaseLower,
        5 => JsonNamingPolicy.KebabCaseUpper,
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };

    private static string GeneratedSource(string source)
    {
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        return Assert.Single(result.Sources).SourceText.ToString();
    }

    [Fact]
    public void The_read_settings_are_compiled_and_stated_in_the_contract()
    {
        const string Source = """
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson(AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, MaxDepth = 16, AllowOutOfOrderMetadataProperties = true)]
            public partial class Lenient
            {
                public int Count { get; set; }

                public int Twice => Count * 2;

                [JsonIgnore]
                public string? Secret { get; set; }
            }
            """;

        string generated = GeneratedSource(Source);
        Assert.Contains("AllowTrailingCommas = true,", generated, StringComparison.Ordinal);
        Assert.Contains("ReadCommentHandling = global::System.Text.Json.JsonCommentHandling.Skip,", generated, StringComparison.Ordinal);
        Assert.Contains("UnmappedMemberHandling = global::System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,", generated, StringComparison.Ordinal);
        Assert.Contains("MaxDepth = 16,", generated, StringComparison.Ordinal);
        Assert.Contains("AllowOutOfOrderMetadataProperties = true,", generated, StringComparison.Ordinal);
        Assert.Contains("throw global::Velithon.Json.JsonRead.UnmappedMember(__name, \"Demo.Lenient\");", generated, StringComparison.Ordinal);

        // The names of a read-only and an ignored member are mapped (skipped, not errors), as System.Text.Json maps them.
        Assert.Contains("__VelithonJson_IsMappedUnread(global::System.ReadOnlySpan<byte> name)", generated, StringComparison.Ordinal);
        Assert.Contains("\"twice\"u8", generated, StringComparison.Ordinal);
        Assert.Contains("\"secret\"u8", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_read_settings_nothing_is_stated_and_unknown_members_are_skipped()
    {
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Plain
            {
                public int Count { get; set; }
            }
            """;

        string generated = GeneratedSource(Source);
        foreach (string setting in new[] { "AllowTrailingCommas", "ReadCommentHandling", "UnmappedMemberHandling", "MaxDepth", "AllowOutOfOrderMetadataProperties" })
        {
            Assert.DoesNotContain(setting + " =", generated, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("UnmappedMember(", generated, StringComparison.Ordinal);
        Assert.DoesNotContain("IsMappedUnread", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void The_assembly_read_settings_apply_and_a_types_own_override_them()
    {
        const string Source = """
            using System.Text.Json;
            using System.Text.Json.Serialization;

            [assembly: Velithon.VelithonJsonDefaults(AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, MaxDepth = 10, AllowOutOfOrderMetadataProperties = true)]

            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Inherits
            {
                public int A { get; set; }
            }

            [Velithon.VelithonJson(AllowTrailingCommas = false, ReadCommentHandling = JsonCommentHandling.Disallow, UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip, MaxDepth = 0, AllowOutOfOrderMetadataProperties = false)]
            public partial class Overrides
            {
                public int A { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string inherits = result.Sources.Single(s => s.HintName.StartsWith("Demo.Inherits", StringComparison.Ordinal)).SourceText.ToString();
        string overrides = result.Sources.Single(s => s.HintName.StartsWith("Demo.Overrides", StringComparison.Ordinal)).SourceText.ToString();
        foreach (string line in new[]
        {
            "AllowTrailingCommas = true,", "ReadCommentHandling = global::System.Text.Json.JsonCommentHandling.Skip,",
            "UnmappedMemberHandling = global::System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,", "MaxDepth = 10,",
            "AllowOutOfOrderMetadataProperties = true,",
        })
        {
            Assert.Contains(line, inherits, StringComparison.Ordinal);
            Assert.DoesNotContain(line, overrides, StringComparison.Ordinal);
        }

        Assert.Contains("JsonRead.UnmappedMember(", inherits, StringComparison.Ordinal);
        Assert.DoesNotContain("JsonRead.UnmappedMember(", overrides, StringComparison.Ordinal);
    }

    [Fact]
    public void VLG108_values_JsonSerializerOptions_rejects_are_reported_on_the_attribute()
    {
        const string Source = """
            using System.Text.Json;
            using System.Text.Json.Serialization;

            [assembly: Velithon.VelithonJsonDefaults(MaxDepth = -5)]

            namespace Demo;

            [Velithon.VelithonJson(ReadCommentHandling = JsonCommentHandling.Allow)]
            public partial class AllowsComments
            {
                public int A { get; set; }
            }

            [Velithon.VelithonJson(ReadCommentHandling = (JsonCommentHandling)7, UnmappedMemberHandling = (JsonUnmappedMemberHandling)2, MaxDepth = -1)]
            public partial class Odd
            {
                public int A { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Diagnostic[] diagnostics = [.. result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start)];
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Equal(
            [
                "VLG108 [VelithonJsonDefaults(MaxDepth = -5)] is not valid: expected 0 (the default, 64) or a positive depth (JsonSerializerOptions rejects a negative MaxDepth)",
                "VLG108 [VelithonJson(ReadCommentHandling = JsonCommentHandling.Allow)] is not valid: expected JsonCommentHandling.Disallow or JsonCommentHandling.Skip (System.Text.Json cannot store comments when deserializing: JsonSerializerOptions rejects Allow)",
                "VLG108 [VelithonJson(ReadCommentHandling = (JsonCommentHandling)7)] is not valid: expected JsonCommentHandling.Disallow or JsonCommentHandling.Skip (System.Text.Json cannot store comments when deserializing: JsonSerializerOptions rejects Allow)",
                "VLG108 [VelithonJson(UnmappedMemberHandling = (JsonUnmappedMemberHandling)2)] is not valid: expected JsonUnmappedMemberHandling.Skip or JsonUnmappedMemberHandling.Disallow",
                "VLG108 [VelithonJson(MaxDepth = -1)] is not valid: expected 0 (the default, 64) or a positive depth (JsonSerializerOptions rejects a negative MaxDepth)",
            ],
            diagnostics.Select(d => d.Id + " " + d.GetMessage(CultureInfo.InvariantCulture)));
        Assert.StartsWith("Velithon.VelithonJson(ReadCommentHandling = JsonCommentHandling.Allow)", Source.Substring(diagnostics[1].Location.SourceSpan.Start), StringComparison.Ordinal);

        // The rejected values are not compiled: the settings keep their defaults.
        string allows = result.Sources.Single(s => s.HintName.StartsWith("Demo.AllowsComments", StringComparison.Ordinal)).SourceText.ToString();
        Assert.DoesNotContain("ReadCommentHandling =", allows, StringComparison.Ordinal);
        Assert.DoesNotContain("MaxDepth =", allows, StringComparison.Ordinal);
    }

    [Fact]
    public void A_types_own_JsonUnmappedMemberHandling_wins_over_the_setting_and_is_not_inherited()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson]
            [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
            public partial class Strict
            {
                public int A { get; set; }
            }

            [Velithon.VelithonJson(UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
            [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
            public partial class Lax
            {
                public int A { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class DerivedFromStrict : Strict
            {
                public int B { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string Generated(string name) => result.Sources.Single(s => s.HintName.StartsWith("Demo." + name + ".", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("JsonRead.UnmappedMember(__name, \"Demo.Strict\")", Generated("Strict"), StringComparison.Ordinal);
        Assert.DoesNotContain("UnmappedMemberHandling =", Generated("Strict"), StringComparison.Ordinal);
        Assert.DoesNotContain("JsonRead.UnmappedMember(", Generated("Lax"), StringComparison.Ordinal);
        Assert.Contains("UnmappedMemberHandling = global::System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,", Generated("Lax"), StringComparison.Ordinal);
        Assert.DoesNotContain("JsonRead.UnmappedMember(", Generated("DerivedFromStrict"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AllowTrailingCommas = true", "AllowTrailingCommas = false (here: true)")]
    [InlineData("ReadCommentHandling = JsonCommentHandling.Skip", "ReadCommentHandling = JsonCommentHandling.Disallow (here: JsonCommentHandling.Skip)")]
    [InlineData("UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow", "UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip (here: JsonUnmappedMemberHandling.Disallow)")]
    [InlineData("MaxDepth = 8", "MaxDepth = 0 (here: 8)")]
    [InlineData("AllowOutOfOrderMetadataProperties = true", "AllowOutOfOrderMetadataProperties = false (here: true)")]
    public void VLG107_a_member_type_compiled_with_other_read_settings_is_reported(string setting, string difference)
    {
        string source = $$"""
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson({{setting}})]
            public partial class Outer
            {
                public Inner? First { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Inner
            {
                public int Qty { get; set; }
            }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics);
        Assert.Equal("VLG107", diagnostic.Id);
        Assert.Contains(": " + difference + ";", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG107_MaxDepth_64_and_0_are_the_same_depth()
    {
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson(MaxDepth = 64)]
            public partial class Outer
            {
                public Inner? First { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Inner
            {
                public int Qty { get; set; }
            }
            """;

        Assert.Empty(GeneratorHarness.Run(Source).GeneratorDiagnostics);
    }

    [Fact]
    public void IncludeFields_makes_public_fields_members_after_the_properties_and_reads_only_the_writable_ones()
    {
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson(IncludeFields = true)]
            public partial class WithFields
            {
                public int Count;
                public readonly string Origin = "o";
                private int _hidden;
                public static int Shared;
                public const int Constant = 1;
                public int Value { get; set; }

                public int Hidden() => _hidden++;
            }

            [Velithon.VelithonJson]
            public partial class WithoutFields
            {
                public int Count;
                public int Value { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string with = result.Sources.Single(s => s.HintName.StartsWith("Demo.WithFields", StringComparison.Ordinal)).SourceText.ToString();
        string without = result.Sources.Single(s => s.HintName.StartsWith("Demo.WithoutFields", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("\"\\\"value\\\":\"u8", with, StringComparison.Ordinal);
        Assert.True(with.IndexOf("\\\"value\\\":", StringComparison.Ordinal) < with.IndexOf("\\\"count\\\":", StringComparison.Ordinal));
        Assert.Contains("\",\\\"origin\\\":\"u8", with, StringComparison.Ordinal);
        Assert.Contains("__result.Count = __m", with, StringComparison.Ordinal);
        Assert.DoesNotContain("__result.Origin", with, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", with, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("shared", with, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("constant", with, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("IncludeFields = true,", with, StringComparison.Ordinal);
        Assert.DoesNotContain("count", without, StringComparison.Ordinal);
        Assert.DoesNotContain("IncludeFields", without, StringComparison.Ordinal);
    }

    [Fact]
    public void IgnoreReadOnlyProperties_leaves_out_read_only_members_except_collections_and_own_conditions_and_still_binds_them()
    {
        const string Source = """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson(IgnoreReadOnlyProperties = true, IgnoreReadOnlyFields = true)]
            public partial class Shape
            {
                public Shape(int id, string? name) { Id = id; Name = name; }

                public int Id { get; }
                public string? Name { get; private set; }
                public int Computed => Id * 2;
                public int Settable { get; set; }
                public int InitOnly { get; init; }
                public List<int> Items { get; } = new();
                public Dictionary<string, int> ByKey { get; } = new();
                [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
                public int Pinned => 1;
                [JsonInclude]
                public int Included { get; private set; }
                [JsonInclude]
                public readonly int ReadOnlyField = 3;
                [JsonInclude]
                public readonly int[] ReadOnlyArray = new int[0];
            }
            """;

        string generated = GeneratedSource(Source);
        foreach (string omitted in new[] { "id", "name", "computed", "readOnlyField" })
        {
            Assert.DoesNotContain("\\\"" + omitted + "\\\":", generated, StringComparison.Ordinal);
        }

        foreach (string written in new[] { "settable", "initOnly", "items", "byKey", "pinned", "included", "readOnlyArray" })
        {
            Assert.Contains("\\\"" + written + "\\\":", generated, StringComparison.Ordinal);
        }

        // Still read: the constructor parameters bound to the left-out properties.
        Assert.Contains("var __result = new global::Demo.Shape(__m0, __m1);", generated, StringComparison.Ordinal);
        Assert.Contains("IgnoreReadOnlyProperties = true,", generated, StringComparison.Ordinal);
        Assert.Contains("IgnoreReadOnlyFields = true,", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void VLG107_a_member_type_compiled_with_other_member_selection_is_reported()
    {
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson(IncludeFields = true)]
            public partial class Outer
            {
                public Inner? First { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Inner
            {
                public int A { get; set; }
            }

            [Velithon.VelithonJson(IgnoreReadOnlyProperties = true)]
            public partial class Other
            {
                public Inner? First { get; set; }
            }

            [Velithon.VelithonJson(IgnoreReadOnlyFields = true)]
            public partial class Third
            {
                public Inner? First { get; set; }
            }

            [Velithon.VelithonJson(RespectRequiredConstructorParameters = true)]
            public partial class Fourth
            {
                public Inner? First { get; set; }
            }
            """;

        string[] messages = [.. GeneratorHarness.Run(Source).GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.Id + " " + d.GetMessage(CultureInfo.InvariantCulture))];
        Assert.Equal(4, messages.Length);
        Assert.All(messages, m => Assert.StartsWith("VLG107 ", m, StringComparison.Ordinal));
        Assert.Contains("RespectRequiredConstructorParameters = false (here: true)", messages[3], StringComparison.Ordinal);
        Assert.Contains("IncludeFields = false (here: true)", messages[0], StringComparison.Ordinal);
        Assert.Contains("IgnoreReadOnlyProperties = false (here: true)", messages[1], StringComparison.Ordinal);
        Assert.Contains("IgnoreReadOnlyFields = false (here: true)", messages[2], StringComparison.Ordinal);
    }

    [Fact]
    public void JsonNumberHandling_on_a_member_wins_over_the_type_and_the_options_for_the_member_and_its_elements()
    {
        const string Source = """
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson(JsonSerializerDefaults.General)]
            [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
            public partial class Numbers
            {
                [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
                public int Quoted { get; set; }

                public long FromType { get; set; }

                [JsonNumberHandling(JsonNumberHandling.Strict)]
                public List<double?>? StrictList { get; set; }

                public List<int[]>? Grid { get; set; }
            }
            """;

        string generated = GeneratedSource(Source);
        Assert.Contains("writer.WriteNumberAsString(value.Quoted);", generated, StringComparison.Ordinal);
        Assert.Contains("writer.WriteNumber(value.FromType);", generated, StringComparison.Ordinal);

        // Quoted: WriteAsString only, so read as numbers only; FromType: the type's AllowReadingFromString; the list:
        // Strict, elements included; the grid: the type's handling for its arrays (no number), the options' (Strict) inside.
        Assert.Equal(3, CountOf(generated, "JsonRead.Expect(ref reader, global::System.Text.Json.JsonTokenType.Number,"));
        Assert.Contains("__m1 = global::Velithon.Json.JsonRead.Int64(ref reader);", generated, StringComparison.Ordinal);
        Assert.Contains("NumberHandling = global::System.Text.Json.Serialization.JsonNumberHandling.Strict,", generated, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("string?", "S")]
    [InlineData("Mood", "S")]
    [InlineData("Mood?", "S")]
    [InlineData("Inner?", "S")]
    [InlineData("byte[]?", "S")]
    [InlineData("int[][]?", "S")]
    [InlineData("List<string>?", "S")]
    [InlineData("Dictionary<string, List<int>>?", "S")]
    [InlineData("List<int>?", "Nested")]
    public void JsonNumberHandling_on_a_member_that_is_not_a_number_or_a_collection_of_numbers_is_STJs_error(string type, string member)
    {
        string source = $$"""
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace Demo;

            public enum Mood { Calm }

            [Velithon.VelithonJson]
            public partial class Inner { public int A { get; set; } }

            [Velithon.VelithonJson]
            public partial class Holder
            {
                [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
                public {{(member == "S" ? type : "List<string>?")}} S { get; set; } = default!;

                [Velithon.VelithonJson]
                public partial class Nested
                {
                    [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
                    public {{(member == "Nested" ? "List<List<int>>?" : "int")}} S { get; set; } = default!;
                }
            }
            """;

        // As System.Text.Json names the type: Type.ToString() (a nested type as Outer+Inner).
        string typeName = member == "Nested" ? "Demo.Holder+Nested" : "Demo.Holder";
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source).GeneratorDiagnostics, d => d.GetMessage(CultureInfo.InvariantCulture).Contains(typeName + "'", StringComparison.Ordinal));
        Assert.Equal("VLG103", diagnostic.Id);
        Assert.Equal(
            $"'JsonNumberHandlingAttribute' is only valid on a number or a collection of numbers when applied to a property or field. See member 'S' on type '{typeName}'.",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("int")]
    [InlineData("decimal?")]
    [InlineData("int?[]?")]
    [InlineData("IEnumerable<long>?")]
    [InlineData("IReadOnlyDictionary<string, short>?")]
    [InlineData("System.Collections.Immutable.ImmutableArray<ulong>")]
    public void JsonNumberHandling_is_accepted_on_numbers_and_collections_of_numbers(string type)
    {
        string source = $$"""
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Holder
            {
                [JsonNumberHandling(JsonNumberHandling.WriteAsString)]
                public {{type}} S { get; set; } = default!;
            }
            """;

        Assert.Contains("writer.WriteNumberAsString(", GeneratedSource(source), StringComparison.Ordinal);
    }

    [Fact]
    public void VLG109_an_undefined_JsonNumberHandling_is_reported_on_the_attribute()
    {
        const string Source = """
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson]
            [JsonNumberHandling((JsonNumberHandling)16)]
            public partial class Odd
            {
                [JsonNumberHandling((JsonNumberHandling)8)]
                public int A { get; set; }
            }
            """;

        Diagnostic[] diagnostics = [.. GeneratorHarness.Run(Source).GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start)];
        Assert.Equal(["VLG109", "VLG109"], diagnostics.Select(d => d.Id));
        Assert.Equal(
            "[JsonNumberHandling((JsonNumberHandling)16)] on 'Odd' is not valid: expected a combination of JsonNumberHandling flags (System.Text.Json's attribute throws ArgumentOutOfRangeException)",
            diagnostics[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(
            "[JsonNumberHandling((JsonNumberHandling)8)] on 'A' is not valid: expected a combination of JsonNumberHandling flags (System.Text.Json's attribute throws ArgumentOutOfRangeException)",
            diagnostics[1].GetMessage(CultureInfo.InvariantCulture));
        Assert.StartsWith("JsonNumberHandling((JsonNumberHandling)16)", Source.Substring(diagnostics[0].Location.SourceSpan.Start), StringComparison.Ordinal);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
    }

    [Fact]
    public void RespectNullableAnnotations_checks_what_STJ_reads_as_not_nullable_and_is_in_the_contract()
    {
        const string Source = """
            using System.Diagnostics.CodeAnalysis;

            [assembly: Velithon.VelithonJsonDefaults(RespectNullableAnnotations = true)]

            namespace Demo;

            [Velithon.VelithonJson]
            public partial class Checked<T, TRef, TFree>
                where T : notnull
                where TRef : class
            {
                public string Plain { get; set; } = "";
                public string? Annotated { get; set; }
                public int Value { get; set; }
                [AllowNull] public string ReadsNull { get; set; } = "";
                [DisallowNull] public string? RefusesNullRead { get; set; }
                [MaybeNull] public string WritesNull { get; set; } = "";
                [NotNull] public string? RefusesNullWrite { get; set; } = "";
                public T Constrained { get; set; } = default!;
                public TRef Reference { get; set; } = default!;
                public TFree Free { get; set; } = default!;
                public TRef? MaybeReference { get; set; }
            #nullable disable
                public string Oblivious { get; set; } = "";
            #nullable restore
            }

            [Velithon.VelithonJson(RespectNullableAnnotations = false)]
            public partial class Loose
            {
                public string Plain { get; set; } = "";
            }

            [Velithon.VelithonJson]
            public partial class Holder
            {
                public Loose? Inner { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.CompilationProblems);
        Diagnostic mixed = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("VLG107", mixed.Id);
        Assert.Contains("RespectNullableAnnotations = false (here: true)", mixed.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        string generated = result.Sources.Single(s => s.HintName.StartsWith("Demo.Checked", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("RespectNullableAnnotations = true,", generated, StringComparison.Ordinal);
        // As NullabilityInfoContext: [AllowNull]/[DisallowNull] change the setter, [MaybeNull]/[NotNull] the getter.
        string[] writeChecked = ["Plain", "ReadsNull", "RefusesNullWrite", "Constrained", "Reference"];
        string[] readChecked = ["plain", "refusesNullRead", "writesNull", "constrained", "reference"];
        foreach (string name in new[] { "Plain", "Annotated", "Value", "ReadsNull", "RefusesNullRead", "WritesNull", "RefusesNullWrite", "Constrained", "Reference", "Free", "MaybeReference", "Oblivious" })
        {
            bool write = generated.Contains("JsonWrite.NullMember(\"" + name + "\"", StringComparison.Ordinal);
            Assert.True(write == writeChecked.Contains(name), "write check of " + name);
        }

        foreach (string name in new[] { "plain", "annotated", "value", "readsNull", "refusesNullRead", "writesNull", "refusesNullWrite", "constrained", "reference", "free", "maybeReference", "oblivious" })
        {
            Assert.True(generated.Contains("JsonRead.NullMember(\"" + name + "\"", StringComparison.Ordinal) == readChecked.Contains(name), "read check of " + name);
        }

        string loose = result.Sources.Single(s => s.HintName.StartsWith("Demo.Loose", StringComparison.Ordinal)).SourceText.ToString();
        Assert.DoesNotContain("NullMember", loose, StringComparison.Ordinal);
        Assert.DoesNotContain("RespectNullableAnnotations", loose, StringComparison.Ordinal);
    }

    [Fact]
    public void RespectRequiredConstructorParameters_requires_the_parameters_without_a_default_value()
    {
        const string Source = """
            namespace Demo;

            [Velithon.VelithonJson(RespectRequiredConstructorParameters = true)]
            public partial class Args
            {
                public Args(int id, string? name = null) { Id = id; Name = name; }

                public int Id { get; }
                public string? Name { get; }
                public int Other { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Loose
            {
                public Loose(int id) { Id = id; }

                public int Id { get; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string args = result.Sources.Single(s => s.HintName.StartsWith("Demo.Args", StringComparison.Ordinal)).SourceText.ToString();
        string loose = result.Sources.Single(s => s.HintName.StartsWith("Demo.Loose", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("__missing.Add(\"'id'\");", args, StringComparison.Ordinal);
        Assert.DoesNotContain("__missing.Add(\"'name'\");", args, StringComparison.Ordinal);
        Assert.DoesNotContain("__missing.Add(\"'other'\");", args, StringComparison.Ordinal);
        Assert.Contains("RespectRequiredConstructorParameters = true,", args, StringComparison.Ordinal);
        Assert.DoesNotContain("__missing", loose, StringComparison.Ordinal);
        Assert.DoesNotContain("RespectRequiredConstructorParameters", loose, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonObjectCreationHandling_Populate_is_compiled_and_what_STJ_rejects_or_is_not_compiled_is_refused()
    {
        const string Source = """
            using System.Collections.Generic;
            using System.Text.Json.Serialization;

            namespace Demo;

            [Velithon.VelithonJson]
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Replace)]
            public partial class Replaced
            {
                [JsonObjectCreationHandling(JsonObjectCreationHandling.Replace)]
                public List<int>? Items { get; set; }
            }

            [Velithon.VelithonJson]
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
            public partial class PopulatedType
            {
                public List<int>? Items { get; set; }

                public int[]? Replaced { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class PopulatedMember
            {
                [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
                public List<int> Items { get; } = new();

                [JsonObjectCreationHandling((JsonObjectCreationHandling)7)]
                public List<int>? Odd { get; set; }
            }

            [Velithon.VelithonJson]
            public partial struct Spot
            {
                public int X { get; set; }
            }

            [Velithon.VelithonJson]
            public partial class Rejected
            {
                private List<int> _hidden = new();

                [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
                public int[] Numbers { get; set; } = [];

                [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
                public string Text { get; set; } = "";

                [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
                public Spot Place { get; } = new();

                [JsonInclude]
                [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
                public List<int> WriteOnly { set => _hidden = value; }
            }

            [Velithon.VelithonJson]
            [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
            public partial class WithArguments
            {
                public WithArguments(int count) => Count = count;

                public int Count { get; }

                public List<int> Items { get; set; } = new();
            }

            [Velithon.VelithonJson]
            public partial class WithArgumentsMember
            {
                public WithArgumentsMember(int count) => Count = count;

                public int Count { get; }

                [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
                public List<int> Items { get; set; } = new();
            }

            [Velithon.VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
            public partial struct PopulatedSpot
            {
                public int X { get; set; }
            }

            [Velithon.VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
            public partial class Created
            {
                public Created(int id) => Id = id;

                public int Id { get; }
            }

            [Velithon.VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
            public partial class NotCompiled
            {
                public PopulatedSpot Place { get; set; }

                public PopulatedSpot ReadOnlyPlace { get; }

                public Created Made { get; set; } = new(1);

                public PopulatedSpot? MaybePlace { get; set; }

                [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)]
                public List<int> Skipped { get; set; } = new();

                public int[] Replaced { get; set; } = [];
            }

            [Velithon.VelithonJson(IgnoreReadOnlyProperties = true)]
            public partial class IgnoringReadOnly
            {
                [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
                public List<int> Items { get; } = new();
            }

            [Velithon.VelithonJson(PreferredObjectCreationHandling = (JsonObjectCreationHandling)5)]
            public partial class Invalid
            {
                public List<int>? Items { get; set; }
            }
            """;

        GeneratorResult result = GeneratorHarness.Run(Source);
        string[] messages = [.. result.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.Id + " " + d.GetMessage(CultureInfo.InvariantCulture))];
        Assert.Equal(
            [
                "VLG109 [JsonObjectCreationHandling((JsonObjectCreationHandling)7)] on 'Odd' is not valid: expected JsonObjectCreationHandling.Replace or JsonObjectCreationHandling.Populate (System.Text.Json's attribute throws ArgumentOutOfRangeException)",
                "VLG118 Property 'numbers' on type 'Demo.Rejected' is marked with JsonObjectCreationHandling.Populate but it doesn't support populating. This can be either because the property type is immutable or it could use a custom converter. (System.Text.Json throws InvalidOperationException when it builds this contract)",
                "VLG118 Property 'text' on type 'Demo.Rejected' is marked with JsonObjectCreationHandling.Populate but it doesn't support populating. This can be either because the property type is immutable or it could use a custom converter. (System.Text.Json throws InvalidOperationException when it builds this contract)",
                "VLG118 Property 'place' on type 'Demo.Rejected' is marked with JsonObjectCreationHandling.Populate but is a value type that doesn't have a setter. (System.Text.Json throws InvalidOperationException when it builds this contract)",
                "VLG118 Property 'writeOnly' on type 'Demo.Rejected' is marked with JsonObjectCreationHandling.Populate but it doesn't have a getter. (System.Text.Json throws InvalidOperationException when it builds this contract)",
                "VLG118 JsonObjectCreationHandling.Populate is currently not supported in types with parameterized constructors. (System.Text.Json throws NotSupportedException when it builds this contract)",
                "VLG118 JsonObjectCreationHandling.Populate is currently not supported in types with parameterized constructors. (System.Text.Json throws NotSupportedException when it builds this contract)",
                "VLG119 System.Text.Json populates 'Place' (JsonObjectCreationHandling.Populate), which [VelithonJson] does not compile: its type 'Demo.PopulatedSpot' is a struct",
                "VLG119 System.Text.Json populates 'Made' (JsonObjectCreationHandling.Populate), which [VelithonJson] does not compile: its type 'Demo.Created' is not read into an existing instance (it is, as a class read through a parameterless constructor, outside a polymorphic hierarchy, compiled with PreferredObjectCreationHandling = Populate or [JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] on the type)",
                "VLG119 System.Text.Json populates 'MaybePlace' (JsonObjectCreationHandling.Populate), which [VelithonJson] does not compile: its type 'Demo.PopulatedSpot?' is a Nullable struct",
                "VLG119 System.Text.Json populates 'Skipped' (JsonObjectCreationHandling.Populate), which [VelithonJson] does not compile: it has [JsonIgnore(Condition = JsonIgnoreCondition.WhenReading)], which System.Text.Json still populates",
                "VLG118 Property 'items' on type 'Demo.IgnoringReadOnly' is marked with JsonObjectCreationHandling.Populate but it is a read-only member and JsonSerializerOptions has IgnoreReadOnlyProperties or IgnoreReadOnlyFields set. (System.Text.Json throws InvalidOperationException when it builds this contract)",
                "VLG108 [VelithonJson(PreferredObjectCreationHandling = (JsonObjectCreationHandling)5)] is not valid: expected JsonObjectCreationHandling.Replace or JsonObjectCreationHandling.Populate",
            ],
            messages);
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));

        string replaced = result.Sources.Single(s => s.HintName.StartsWith("Demo.Replaced", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("\\\"items\\\":", replaced, StringComparison.Ordinal);
        Assert.DoesNotContain("PopulateJson", replaced, StringComparison.Ordinal);

        // The type attribute populates the list and replaces the array; it is not a setting of the contract.
        string type = result.Sources.Single(s => s.HintName.StartsWith("Demo.PopulatedType", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("public static void PopulateJson(", type, StringComparison.Ordinal);
        Assert.Contains("else if (__result.Items is { } __cur0)", type, StringComparison.Ordinal);
        Assert.DoesNotContain("__result.Replaced is { }", type, StringComparison.Ordinal);
        Assert.DoesNotContain("PreferredObjectCreationHandling", type, StringComparison.Ordinal);

        // A get-only member populated by its own attribute; the type itself is not read into an existing instance.
        string member = result.Sources.Single(s => s.HintName.StartsWith("Demo.PopulatedMember", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("else if (__result.Items is { } __cur0)", member, StringComparison.Ordinal);
        Assert.Contains("throw global::Velithon.Json.JsonRead.PopulateNull(", member, StringComparison.Ordinal);

        // The option is a setting of the contract; a type with a parameterized constructor populates nothing.
        string created = result.Sources.Single(s => s.HintName.StartsWith("Demo.Created", StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("PreferredObjectCreationHandling = global::System.Text.Json.Serialization.JsonObjectCreationHandling.Populate,", created, StringComparison.Ordinal);
        Assert.DoesNotContain("PopulateJson", created, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
