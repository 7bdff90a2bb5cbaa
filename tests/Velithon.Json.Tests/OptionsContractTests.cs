using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Velithon.Json.Tests.Profiles;

namespace Velithon.Json.Tests;

/// <summary>
/// The contract of a type compiled with settings: it names each of them, so that a host with the same settings runs the
/// generated code and a host with any other one does not (the resolver falls back to STJ, the converter throws).
/// </summary>
public sealed class OptionsContractTests
{
    public static TheoryData<string, string> HostMismatches => new()
    {
        // A snake_case type (dictionary keys snake_case too) against hosts that differ in one setting.
        { "snake-web-keys", "DictionaryKeyPolicy is null; the generated code was compiled for JsonNamingPolicy.SnakeCaseLower" },
        { "snake-camel", "PropertyNamingPolicy is JsonNamingPolicy.CamelCase; the generated code was compiled for JsonNamingPolicy.SnakeCaseLower" },
        { "snake-kebab", "PropertyNamingPolicy is JsonNamingPolicy.KebabCaseLower; the generated code was compiled for JsonNamingPolicy.SnakeCaseLower" },
        { "snake-case-sensitive", "PropertyNameCaseInsensitive is false; the generated code was compiled for true" },
        { "snake-strict", "NumberHandling is JsonNumberHandling.Strict; the generated code was compiled for JsonNumberHandling.AllowReadingFromString" },
        { "snake-skip-null", "DefaultIgnoreCondition is JsonIgnoreCondition.WhenWritingNull; the generated code was compiled for JsonIgnoreCondition.Never" },
        { "snake-string-enums", "Converters has JsonStringEnumConverter, which converts Velithon.Json.Tests.Profiles.Hue" },
    };

    public static TheoryData<string, string> EnumHostMismatches => new()
    {
        { "no-converter", "Converters has no JsonStringEnumConverter (without a naming policy); the generated code was compiled with UseStringEnumConverter = true" },
        { "camel-converter", "Converters has no JsonStringEnumConverter (without a naming policy)" },
        { "no-integers", "Converters has no JsonStringEnumConverter (without a naming policy)" },
        { "generic-converter", "Converters has no JsonStringEnumConverter (without a naming policy)" },
    };

    [Theory]
    [MemberData(nameof(HostMismatches))]
    public void A_host_that_differs_in_one_setting_is_a_mismatch_named_by_the_contract(string host, string expected)
    {
        JsonSerializerOptions options = Host(host);
        string? mismatch = VelithonJsonContract.Of<SnakeLowerRoot>().FindMismatch(options);
        Assert.NotNull(mismatch);
        Assert.StartsWith(expected, mismatch, StringComparison.Ordinal);
        AssertNotServed<SnakeLowerRoot>(options);
    }

    public static TheoryData<string, string> MemberHostMismatches => new()
    {
        // ReadOnlyFieldsRoot: snake_case, IncludeFields, IgnoreReadOnlyFields, IgnoreReadOnlyProperties; hosts that differ in one of them.
        { "read-only-properties", "IgnoreReadOnlyProperties is false; the generated code was compiled for true" },
        { "read-only-fields", "IgnoreReadOnlyFields is false; the generated code was compiled for true" },
        { "no-fields", "IncludeFields is false; the generated code was compiled for true" },
        { "required-parameters", "RespectRequiredConstructorParameters is true; the generated code was compiled for false" },
    };

    [Theory]
    [MemberData(nameof(MemberHostMismatches))]
    public void A_host_that_selects_or_checks_members_otherwise_is_a_mismatch_named_by_the_contract(string host, string expected)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            IncludeFields = true,
            IgnoreReadOnlyFields = true,
            IgnoreReadOnlyProperties = true,
        };
        Assert.Null(VelithonJsonContract.Of<ReadOnlyFieldsRoot>().FindMismatch(options));
        switch (host)
        {
            case "read-only-properties": options.IgnoreReadOnlyProperties = false; break;
            case "read-only-fields": options.IgnoreReadOnlyFields = false; break;
            case "no-fields": options.IncludeFields = false; break;
            case "required-parameters": options.RespectRequiredConstructorParameters = true; break;
            default: throw new ArgumentOutOfRangeException(nameof(host));
        }

        string? mismatch = VelithonJsonContract.Of<ReadOnlyFieldsRoot>().FindMismatch(options);
        Assert.NotNull(mismatch);
        Assert.StartsWith(expected, mismatch, StringComparison.Ordinal);
        AssertNotServed<ReadOnlyFieldsRoot>(options);
    }

    [Fact]
    public void A_Web_type_is_a_mismatch_for_hosts_with_member_settings_and_a_type_compiled_with_them_for_Web_hosts()
    {
        foreach ((Action<JsonSerializerOptions> configure, string expected) in new (Action<JsonSerializerOptions>, string)[]
        {
            (o => o.IgnoreReadOnlyProperties = true, "IgnoreReadOnlyProperties is true; the generated code was compiled for false"),
            (o => o.IgnoreReadOnlyFields = true, "IgnoreReadOnlyFields is true; the generated code was compiled for false"),
            (o => o.IncludeFields = true, "IncludeFields is true; the generated code was compiled for false"),
            (o => o.RespectRequiredConstructorParameters = true, "RespectRequiredConstructorParameters is true; the generated code was compiled for false"),
        })
        {
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            configure(options);
            Assert.StartsWith(expected, VelithonJsonContract.Of<Integration.Contact>().FindMismatch(options), StringComparison.Ordinal);
        }

        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.StartsWith("RespectRequiredConstructorParameters is false; the generated code was compiled for true", VelithonJsonContract.Of<RequiredArgs>().FindMismatch(web), StringComparison.Ordinal);
        Assert.Null(VelithonJsonContract.Of<RequiredArgs>().FindMismatch(new JsonSerializerOptions(web) { RespectRequiredConstructorParameters = true }));
        Assert.StartsWith("IgnoreReadOnlyFields is false; the generated code was compiled for true", VelithonJsonContract.Of<FieldPoint>().FindMismatch(web), StringComparison.Ordinal);
        Assert.StartsWith("IncludeFields is false; the generated code was compiled for true", VelithonJsonContract.Of<FieldPoint>().FindMismatch(new JsonSerializerOptions(web) { IgnoreReadOnlyFields = true }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_configured_like_the_type_runs_the_generated_code()
    {
        JsonSerializerOptions options = Host("snake");
        Assert.Null(VelithonJsonContract.Of<SnakeLowerRoot>().FindMismatch(options));
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver());
        Assert.IsType<VelithonJsonConverter<SnakeLowerRoot>>(options.GetTypeInfo(typeof(SnakeLowerRoot)).Converter);
    }

    [Theory]
    [MemberData(nameof(EnumHostMismatches))]
    public void String_enums_need_a_JsonStringEnumConverter_as_new_JsonStringEnumConverter_makes_it(string host, string expected)
    {
        JsonSerializerOptions options = new(JsonSerializerDefaults.Web);
        switch (host)
        {
            case "no-converter": break;
            case "camel-converter": options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)); break;
            case "no-integers": options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false)); break;
            case "generic-converter": options.Converters.Add(new JsonStringEnumConverter<Hue>()); break;
            default: throw new ArgumentOutOfRangeException(nameof(host));
        }

        string? mismatch = VelithonJsonContract.Of<StringEnumsRoot>().FindMismatch(options);
        Assert.NotNull(mismatch);
        Assert.StartsWith(expected, mismatch, StringComparison.Ordinal);
        AssertNotServed<StringEnumsRoot>(options);

        // The child's contract says the same (its own enum member), and so does the root's through it.
        Assert.NotNull(VelithonJsonContract.Of<StringEnumsChild>().FindMismatch(options));
    }

    [Fact]
    public void A_plain_JsonStringEnumConverter_serves_string_enum_types_and_their_collections()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        Assert.Null(VelithonJsonContract.Of<StringEnumsRoot>().FindMismatch(options));
        Assert.Null(VelithonJsonTypeInfoResolver.FindMismatch(typeof(List<StringEnumsRoot>), options));

        // A type compiled without UseStringEnumConverter is left to STJ by such a host (it would write numbers).
        Assert.StartsWith("Converters has JsonStringEnumConverter, which converts", VelithonJsonContract.Of<Integration.Contact>().FindMismatch(options), StringComparison.Ordinal);
    }

    [Fact]
    public void The_converter_names_the_setting_and_the_settings_the_type_was_compiled_with()
    {
        JsonSerializerOptions options = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new VelithonJsonConverter<SnakeLowerRoot>());
        NotSupportedException error = Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new SnakeLowerRoot(), options));
        Assert.StartsWith(
            "VelithonJsonConverter<Velithon.Json.Tests.Profiles.SnakeLowerRoot> cannot run with these JsonSerializerOptions: PropertyNamingPolicy is JsonNamingPolicy.CamelCase; the generated code was compiled for JsonNamingPolicy.SnakeCaseLower. The generated code for Velithon.Json.Tests.Profiles.SnakeLowerRoot implements the JsonSerializerOptions settings it was compiled with",
            error.Message,
            StringComparison.Ordinal);
    }

    public static TheoryData<string, string> IndentedHostMismatches => new()
    {
        // A type indented with two tabs per level and "\r\n" against hosts that differ in one writing setting.
        { "compact", "WriteIndented is false; the generated code was compiled for true" },
        { "spaces", "IndentCharacter is ' '; the generated code was compiled for '\\t'" },
        { "size-1", "IndentSize is 1; the generated code was compiled for 2" },
        { "lf", "NewLine is \"\\n\"; the generated code was compiled for \"\\r\\n\"" },
    };

    [Theory]
    [MemberData(nameof(IndentedHostMismatches))]
    public void An_indented_type_names_each_writing_setting_a_host_differs_in(string host, string expected)
    {
        JsonSerializerOptions options = IndentedHost();
        switch (host)
        {
            case "compact": options.WriteIndented = false; break;
            case "spaces": options.IndentCharacter = ' '; break;
            case "size-1": options.IndentSize = 1; break;
            case "lf": options.NewLine = "\n"; break;
            default: throw new ArgumentOutOfRangeException(nameof(host));
        }

        string? mismatch = VelithonJsonContract.Of<IndentedTypicalRoot>().FindMismatch(options);
        Assert.NotNull(mismatch);
        Assert.StartsWith(expected, mismatch, StringComparison.Ordinal);
        AssertNotServed<IndentedTypicalRoot>(options);
        Assert.NotNull(VelithonJsonContract.Of<IndentedTypicalChild>().FindMismatch(options));
    }

    [Fact]
    public void Without_NewLine_an_indented_type_writes_and_expects_the_platforms_line_break_as_STJ()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        Assert.Equal(Environment.NewLine, options.NewLine);
        Assert.Null(VelithonJsonContract.Of<IndentedRoot>().FindMismatch(options));
        Assert.Null(VelithonJsonContract.Of<IndentedRoot>().NewLine);

        string other = Environment.NewLine == "\n" ? "\r\n" : "\n";
        options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, NewLine = other };
        Assert.StartsWith("NewLine is ", VelithonJsonContract.Of<IndentedRoot>().FindMismatch(options), StringComparison.Ordinal);
        Assert.Contains("(Environment.NewLine: the type sets no NewLine)", VelithonJsonContract.Of<IndentedRoot>().FindMismatch(options), StringComparison.Ordinal);

        // "\n" set explicitly is "\n" everywhere.
        Assert.Equal("\n", VelithonJsonContract.Of<WideIndentedRoot>().NewLine);
    }

    [Fact]
    public void A_compact_type_ignores_indentation_settings_STJ_ignores_and_refuses_an_indented_host()
    {
        JsonSerializerOptions options = Host("snake");
        options.IndentCharacter = '\t';
        options.IndentSize = 5;
        options.NewLine = "\r\n";
        Assert.Null(VelithonJsonContract.Of<SnakeLowerRoot>().FindMismatch(options));

        options = Host("snake");
        options.WriteIndented = true;
        Assert.StartsWith("WriteIndented is true; the generated code was compiled for false", VelithonJsonContract.Of<SnakeLowerRoot>().FindMismatch(options), StringComparison.Ordinal);
        AssertNotServed<SnakeLowerRoot>(options);
    }

    [Fact]
    public void The_converter_writes_an_indented_type_into_a_callers_writer_only_with_the_same_settings()
    {
        JsonSerializerOptions options = IndentedHost();
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        JsonSerializerOptions converted = new(options);
        converted.Converters.Insert(0, new VelithonJsonConverter<IndentedTypicalRoot>());
        var value = new IndentedTypicalRoot { OrderID = 7, Child = new IndentedTypicalChild { Tags = ["a"] }, Children = [null, new IndentedTypicalChild()] };

        // A writer like JsonSerializer's own (same settings, no validation): the same bytes as STJ writes into it.
        var settings = new JsonWriterOptions { Indented = true, IndentCharacter = '\t', IndentSize = 2, NewLine = "\r\n", SkipValidation = true };
        Assert.Equal(WriteInto(settings, value, options), WriteInto(settings, value, converted));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(value, options), WriteInto(settings, value, converted));

        // Other settings, or a validating writer (which refuses the members written as one raw value): refused.
        foreach (JsonWriterOptions other in new[]
        {
            settings with { Indented = false },
            settings with { IndentSize = 1 },
            settings with { IndentCharacter = ' ' },
            settings with { NewLine = "\n" },
            settings with { SkipValidation = false },
        })
        {
            NotSupportedException error = Assert.Throws<NotSupportedException>(() => WriteInto(other, value, converted));
            Assert.StartsWith("VelithonJsonConverter<Velithon.Json.Tests.Profiles.IndentedTypicalRoot> cannot write with this Utf8JsonWriter: ", error.Message, StringComparison.Ordinal);
        }

        // A compact type in an indented writer would not be indented: refused as well.
        JsonSerializerOptions snake = Host("snake");
        snake.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        snake.Converters.Insert(0, new VelithonJsonConverter<SnakeLowerRoot>());
        NotSupportedException compact = Assert.Throws<NotSupportedException>(() => WriteInto(new JsonWriterOptions { Indented = true, SkipValidation = true }, new SnakeLowerRoot(), snake));
        Assert.Contains("WriteIndented is true; the generated code was compiled for false", compact.Message, StringComparison.Ordinal);
    }

    private static byte[] WriteInto<T>(JsonWriterOptions settings, T value, JsonSerializerOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, settings))
        {
            JsonSerializer.Serialize(writer, value, options);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonSerializerOptions IndentedHost()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
            IndentCharacter = '\t',
            IndentSize = 2,
            NewLine = "\r\n",
        };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }

    public static TheoryData<string, string> ReadSettingMismatches => new()
    {
        // A type compiled with a read setting against a host without it (or with another value), and UnmappedMemberHandling both ways.
        { "trailing-commas-web", "AllowTrailingCommas is false; the generated code was compiled for true" },
        { "comments-web", "ReadCommentHandling is JsonCommentHandling.Disallow; the generated code was compiled for JsonCommentHandling.Skip" },
        { "strict-web", "UnmappedMemberHandling is JsonUnmappedMemberHandling.Skip; the generated code was compiled for JsonUnmappedMemberHandling.Disallow" },
        { "web-strict", "UnmappedMemberHandling is JsonUnmappedMemberHandling.Disallow; the generated code was compiled for JsonUnmappedMemberHandling.Skip" },
        { "shallow-web", "MaxDepth is 0; the generated code was compiled for MaxDepth = 6" },
        { "shallow-deeper", "MaxDepth is 7; the generated code was compiled for MaxDepth = 6" },
        { "out-of-order-web", "AllowOutOfOrderMetadataProperties is false; the generated code was compiled for true" },
    };

    [Theory]
    [MemberData(nameof(ReadSettingMismatches))]
    public void A_host_that_differs_in_a_read_setting_is_a_mismatch(string host, string expected)
    {
        (Func<JsonSerializerOptions, string?> find, Action<JsonSerializerOptions> assertNotServed, JsonSerializerOptions options) = host switch
        {
            "trailing-commas-web" => Case<TrailingCommasRoot>(new(JsonSerializerDefaults.Web)),
            "comments-web" => Case<CommentsRoot>(new(JsonSerializerDefaults.Web)),
            "strict-web" => Case<StrictMembersRoot>(new(JsonSerializerDefaults.Web)),
            "web-strict" => Case<CamelRoot>(new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseLower }),
            "shallow-web" => Case<ShallowRoot>(new(JsonSerializerDefaults.Web)),
            "shallow-deeper" => Case<ShallowRoot>(new(JsonSerializerDefaults.Web) { MaxDepth = 7 }),
            "out-of-order-web" => Case<OutOfOrderRoot>(new(JsonSerializerDefaults.Web)),
            _ => throw new ArgumentOutOfRangeException(nameof(host)),
        };

        string? mismatch = find(options);
        Assert.NotNull(mismatch);
        Assert.StartsWith(expected, mismatch, StringComparison.Ordinal);
        assertNotServed(options);

        static (Func<JsonSerializerOptions, string?>, Action<JsonSerializerOptions>, JsonSerializerOptions) Case<T>(JsonSerializerOptions options)
            where T : IVelithonJson<T>, new() =>
            (o => VelithonJsonContract.Of<T>().FindMismatch(o), AssertNotServed<T>, options);
    }

    [Fact]
    public void A_type_compiled_without_a_read_setting_runs_with_any_host_value_of_it()
    {
        // Through STJ the generated code reads from STJ's reader, which applies the host's settings (as STJ would).
        var host = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseLower,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowOutOfOrderMetadataProperties = true,
            MaxDepth = 100,
        };
        Assert.Null(VelithonJsonContract.Of<CamelRoot>().FindMismatch(host));

        // Unknown members are the generated code's own decision: that setting is compared both ways.
        host.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        Assert.StartsWith("UnmappedMemberHandling is JsonUnmappedMemberHandling.Disallow", VelithonJsonContract.Of<CamelRoot>().FindMismatch(host), StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_without_a_compiled_MaxDepth_runs_with_any_host_depth_and_one_with_it_with_the_same_depth()
    {
        Assert.Null(VelithonJsonContract.Of<CamelRoot>().FindMismatch(new JsonSerializerOptions(JsonSerializerDefaults.Web) { MaxDepth = 5, DictionaryKeyPolicy = JsonNamingPolicy.KebabCaseLower }));
        Assert.Null(VelithonJsonContract.Of<ShallowRoot>().FindMismatch(new JsonSerializerOptions(JsonSerializerDefaults.Web) { MaxDepth = 6 }));

        // The child type's own contract says the same, and the root's contract reaches it.
        Assert.NotNull(VelithonJsonContract.Of<ShallowChild>().FindMismatch(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    }

    [Fact]
    public void A_types_own_JsonUnmappedMemberHandling_is_not_compared_with_the_hosts_setting()
    {
        // OwnDisallowRoot disallows unknown members by its attribute: a Web host (Skip) serves it, as STJ honours the attribute.
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.Null(VelithonJsonContract.Of<OwnDisallowRoot>().FindMismatch(web));
        web.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver());
        Assert.IsType<VelithonJsonConverter<OwnDisallowRoot>>(web.GetTypeInfo(typeof(OwnDisallowRoot)).Converter);
        JsonException error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OwnDisallowRoot>("{\"orderID\":1,\"zz\":2}", web));
        Assert.NotNull(error);
    }

    private static void AssertNotServed<T>(JsonSerializerOptions options)
        where T : IVelithonJson<T>, new()
    {
        JsonSerializerOptions resolved = Copy(options, JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()));
        Assert.IsNotType<VelithonJsonConverter<T>>(resolved.GetTypeInfo(typeof(T)).Converter);
        JsonSerializerOptions stj = Copy(options, new DefaultJsonTypeInfoResolver());
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(new T(), stj), JsonSerializer.SerializeToUtf8Bytes(new T(), resolved));

        JsonSerializerOptions converted = Copy(options, new DefaultJsonTypeInfoResolver());
        converted.Converters.Insert(0, new VelithonJsonConverter<T>());
        Assert.Throws<NotSupportedException>(() => JsonSerializer.SerializeToUtf8Bytes(new T(), converted));
    }

    private static JsonSerializerOptions Copy(JsonSerializerOptions options, IJsonTypeInfoResolver resolver) =>
        new(options) { TypeInfoResolver = resolver };

    private static JsonSerializerOptions Host(string host)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        };
        switch (host)
        {
            case "snake": break;
            case "snake-web-keys": options.DictionaryKeyPolicy = null; break;
            case "snake-camel": options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase; break;
            case "snake-kebab": options.PropertyNamingPolicy = JsonNamingPolicy.KebabCaseLower; break;
            case "snake-case-sensitive": options.PropertyNameCaseInsensitive = false; break;
            case "snake-strict": options.NumberHandling = JsonNumberHandling.Strict; break;
            case "snake-skip-null": options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull; break;
            case "snake-string-enums": options.Converters.Add(new JsonStringEnumConverter()); break;
            default: throw new ArgumentOutOfRangeException(nameof(host));
        }

        return options;
    }
}
