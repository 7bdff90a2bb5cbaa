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
