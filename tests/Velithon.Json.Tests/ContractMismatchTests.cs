using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using Velithon.Json.Tests.Integration;

namespace Velithon.Json.Tests;

/// <summary>
/// Every <see cref="JsonSerializerOptions"/> setting that changes bytes written or what is accepted: the contract names
/// it, <see cref="VelithonJsonConverter{T}"/> refuses to run with it (never other bytes), and
/// <see cref="VelithonJsonTypeInfoResolver"/> leaves the type to the next resolver, whose bytes are STJ's.
/// </summary>
public sealed class ContractMismatchTests
{
    private static readonly Contact Sample = new(
        7, "Zoë <x>", Tier.Gold, [new Address("Köln", null), new Address("Paris", "75001")], new Dictionary<string, int> { ["MathScore"] = 3 }, 0.5);

    /// <summary>Each setting, the name the mismatch starts with, and how to set it on Web options.</summary>
    public static TheoryData<string, string> Mismatches => new()
    {
        { "PropertyNamingPolicy", "snake" },
        { "PropertyNamingPolicy", "none" },
        { "PropertyNamingPolicy", "custom" },
        { "DictionaryKeyPolicy", "camel-keys" },
        { "IgnoreNullValues", "ignore-nulls" },
        { "DefaultIgnoreCondition", "when-writing-null" },
        { "DefaultIgnoreCondition", "when-writing-default" },
        { "IgnoreReadOnlyProperties", "ignore-read-only-properties" },
        { "IgnoreReadOnlyFields", "ignore-read-only-fields" },
        { "IncludeFields", "include-fields" },
        { "NumberHandling", "strict-numbers" },
        { "NumberHandling", "numbers-as-strings" },
        { "NumberHandling", "named-floats" },
        { "PropertyNameCaseInsensitive", "case-sensitive" },
        { "UnmappedMemberHandling", "disallow-unmapped" },
        { "PreferredObjectCreationHandling", "populate" },
        { "RespectNullableAnnotations", "respect-nullable" },
        { "RespectRequiredConstructorParameters", "respect-required" },
        { "AllowDuplicateProperties", "no-duplicates" },
        { "WriteIndented", "indented" },
        { "ReferenceHandler", "preserve" },
        { "ReferenceHandler", "ignore-cycles" },
        { "Encoder", "encoder-all-ranges" },
        { "Converters", "string-enums" },
        { "Converters", "double-converter" },
        { "Converters", "address-converter" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void The_contract_names_the_setting(string setting, string configuration)
    {
        JsonSerializerOptions options = Options(configuration);

        string? mismatch = VelithonJsonContract.Of<Contact>().FindMismatch(options);

        Assert.NotNull(mismatch);
        Assert.StartsWith(setting + " ", mismatch, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void The_converter_refuses_to_write_or_read_and_says_what_and_how_to_fix(string setting, string configuration)
    {
        JsonSerializerOptions options = Options(configuration);
        options.Converters.Insert(0, new VelithonJsonConverter<Contact>());
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();

        NotSupportedException write = Assert.Throws<NotSupportedException>(() => JsonSerializer.SerializeToUtf8Bytes(Sample, options));
        NotSupportedException read = Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<Contact>("""{"id":1}""", options));

        foreach (NotSupportedException error in new[] { write, read })
        {
            Assert.Contains("VelithonJsonConverter<Velithon.Json.Tests.Integration.Contact>", error.Message, StringComparison.Ordinal);
            Assert.Contains(": " + setting + " ", error.Message, StringComparison.Ordinal);
            Assert.Contains("Fix: ", error.Message, StringComparison.Ordinal);
            Assert.Contains("remove VelithonJsonConverter<Velithon.Json.Tests.Integration.Contact> from JsonSerializerOptions.Converters", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void The_resolver_leaves_the_type_to_STJ_which_writes_its_own_bytes_and_logs_once(string setting, string configuration)
    {
        var logger = new ListLogger();
        JsonSerializerOptions options = Options(configuration);
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(logger: logger), new DefaultJsonTypeInfoResolver());
        JsonSerializerOptions stj = Options(configuration);
        stj.TypeInfoResolver = new DefaultJsonTypeInfoResolver();

        Assert.IsNotType<VelithonJsonConverter<Contact>>(options.GetTypeInfo(typeof(Contact)).Converter);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Sample, stj), JsonSerializer.SerializeToUtf8Bytes(Sample, options));

        string message = Assert.Single(logger.Messages, m => m.Contains("Velithon.Json.Tests.Integration.Contact ", StringComparison.Ordinal));
        Assert.Contains(": " + setting + " ", message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Warning, logger.Levels[logger.Messages.IndexOf(message)]);

        // Asked again (another options instance, same reason): not logged again.
        JsonSerializerOptions again = Options(configuration);
        again.TypeInfoResolver = options.TypeInfoResolver;
        _ = again.GetTypeInfo(typeof(Contact));
        Assert.Single(logger.Messages, m => m.Contains("Velithon.Json.Tests.Integration.Contact ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("web")]
    [InlineData("relaxed")]
    [InlineData("comments-and-trailing-commas")]
    [InlineData("depth-16")]
    [InlineData("web-copy")]
    public void Options_the_generated_code_honours_are_no_mismatch(string configuration)
    {
        JsonSerializerOptions options = Options(configuration);

        Assert.Null(VelithonJsonContract.Of<Contact>().FindMismatch(options));
        Assert.Null(VelithonJsonTypeInfoResolver.FindMismatch(typeof(Contact), options));
        Assert.Null(VelithonJsonTypeInfoResolver.FindMismatch(typeof(List<Contact>), options));
    }

    [Fact]
    public void A_converter_that_applies_to_no_member_type_is_no_mismatch()
    {
        // Note has no enum and no double: a global enum converter or a double converter changes nothing for it.
        JsonSerializerOptions options = Options("string-enums");
        options.Converters.Add(new ExactDoubleConverter());

        Assert.Null(VelithonJsonContract.Of<Note>().FindMismatch(options));
        Assert.NotNull(VelithonJsonContract.Of<Contact>().FindMismatch(options));

        // A converter for a nested type's member is found through the nested contract.
        JsonSerializerOptions forAddress = Options("web");
        forAddress.Converters.Add(new AddressZipConverter());
        Assert.StartsWith("Converters has AddressZipConverter, which converts Velithon.Json.Tests.Integration.Address", VelithonJsonContract.Of<Contact>().FindMismatch(forAddress), StringComparison.Ordinal);
    }

    [Fact]
    public void A_converter_for_a_collection_the_resolver_serves_sends_the_collection_to_STJ()
    {
        JsonSerializerOptions options = Options("web");
        options.Converters.Add(new NoteListConverter());

        Assert.Null(VelithonJsonTypeInfoResolver.FindMismatch(typeof(Note), options));
        Assert.StartsWith("Converters has NoteListConverter", VelithonJsonTypeInfoResolver.FindMismatch(typeof(List<Note>), options), StringComparison.Ordinal);
        Assert.StartsWith("System.Int32 is not a registered [VelithonJson] type", VelithonJsonTypeInfoResolver.FindMismatch(typeof(int), options), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolver_modifiers_in_the_chain_are_a_mismatch()
    {
        JsonSerializerOptions options = Options("web");
        var modified = new DefaultJsonTypeInfoResolver();
        modified.Modifiers.Add(static _ => { });
        options.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), modified);

        Assert.StartsWith("TypeInfoResolver has a DefaultJsonTypeInfoResolver with modifiers", VelithonJsonTypeInfoResolver.FindMismatch(typeof(Contact), options), StringComparison.Ordinal);
    }

    [Fact]
    public void Modifiers_added_with_WithAddedModifier_or_a_resolver_of_the_apps_own_send_the_type_to_STJ_with_the_same_bytes()
    {
        var contact = new Contact(1, "a", default, [], null, 1.5);
        static void Upper(JsonTypeInfo info)
        {
            if (info.Kind == JsonTypeInfoKind.Object)
            {
                foreach (JsonPropertyInfo property in info.Properties)
                {
                    property.Name = property.Name.ToUpperInvariant();
                }
            }
        }

        JsonSerializerOptions wrapped = Options("web");
        wrapped.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver().WithAddedModifier(Upper));
        JsonSerializerOptions own = Options("web");
        own.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new UpperCasingResolver(Upper));

        foreach (JsonSerializerOptions options in new[] { wrapped, own })
        {
            Assert.StartsWith("TypeInfoResolverChain has ", VelithonJsonTypeInfoResolver.FindMismatch(typeof(Contact), options), StringComparison.Ordinal);
            JsonSerializerOptions stj = Options("web");
            stj.TypeInfoResolver = new DefaultJsonTypeInfoResolver().WithAddedModifier(Upper);
            Assert.Equal(JsonSerializer.Serialize(contact, stj), JsonSerializer.Serialize(contact, options));
        }

        // Source-generated contexts and the plain reflection resolver shape nothing: the generated code serves the type.
        JsonSerializerOptions plain = Options("web");
        plain.TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver());
        Assert.Null(VelithonJsonTypeInfoResolver.FindMismatch(typeof(Contact), plain));
    }

    private sealed class UpperCasingResolver(Action<JsonTypeInfo> modify) : IJsonTypeInfoResolver
    {
        private readonly DefaultJsonTypeInfoResolver _inner = new();

        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options)
        {
            JsonTypeInfo info = _inner.GetTypeInfo(type, options);
            modify(info);
            return info;
        }
    }

    [Fact]
    public void The_default_contract_of_a_hand_written_implementation_knows_no_member_types()
    {
        JsonSerializerOptions options = Options("web");
        Assert.Null(VelithonJsonContract.Web.FindMismatch(options));

        options.Converters.Add(new ExactDoubleConverter());
        Assert.StartsWith("Converters has ExactDoubleConverter; the generated code's member types are not known", VelithonJsonContract.Web.FindMismatch(options), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_escaped_differently_by_the_relaxed_encoder_are_an_encoder_mismatch_for_the_type_and_its_holders()
    {
        JsonSerializerOptions relaxed = Options("relaxed");
        JsonSerializerOptions web = Options("web");

        Assert.StartsWith("Encoder is JavaScriptEncoder.UnsafeRelaxedJsonEscaping", VelithonJsonContract.Of<OddName>().FindMismatch(relaxed), StringComparison.Ordinal);
        Assert.StartsWith("Encoder is JavaScriptEncoder.UnsafeRelaxedJsonEscaping", VelithonJsonContract.Of<HoldsOddName>().FindMismatch(relaxed), StringComparison.Ordinal);
        Assert.Null(VelithonJsonContract.Of<OddName>().FindMismatch(web));
        Assert.Null(VelithonJsonContract.Of<HoldsOddName>().FindMismatch(web));

        // The entry points refuse to write them relaxed, rather than write other bytes than STJ.
        var options = new VelithonJsonOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        NotSupportedException error = Assert.Throws<NotSupportedException>(() => VelithonJson.SerializeToUtf8Bytes(new HoldsOddName(new OddName(1)), options));
        Assert.Contains("Velithon.Json.Tests.Integration.HoldsOddName cannot be written with VelithonJsonOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping", error.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => VelithonJson.Serialize(new OddName(1), new System.Buffers.ArrayBufferWriter<byte>(), options));
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(new OddName(1), StjWeb), VelithonJson.SerializeToUtf8Bytes(new OddName(1)));
    }

    internal static JsonSerializerOptions Options(string configuration)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        switch (configuration)
        {
            case "web": break;
            case "web-copy": options = new JsonSerializerOptions(options); break;
            case "relaxed": options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping; break;
            case "comments-and-trailing-commas": options.ReadCommentHandling = JsonCommentHandling.Skip; options.AllowTrailingCommas = true; break;
            case "depth-16": options.MaxDepth = 16; break;
            case "snake": options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower; break;
            case "none": options.PropertyNamingPolicy = null; break;
            case "custom": options.PropertyNamingPolicy = new UpperNamingPolicy(); break;
            case "camel-keys": options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase; break;
#pragma warning disable SYSLIB0020 // obsolete, still honoured by STJ
            case "ignore-nulls": options.IgnoreNullValues = true; break;
#pragma warning restore SYSLIB0020
            case "when-writing-null": options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull; break;
            case "when-writing-default": options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault; break;
            case "ignore-read-only-properties": options.IgnoreReadOnlyProperties = true; break;
            case "ignore-read-only-fields": options.IgnoreReadOnlyFields = true; break;
            case "include-fields": options.IncludeFields = true; break;
            case "strict-numbers": options.NumberHandling = JsonNumberHandling.Strict; break;
            case "numbers-as-strings": options.NumberHandling = JsonNumberHandling.WriteAsString; break;
            case "named-floats": options.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals; break;
            case "case-sensitive": options.PropertyNameCaseInsensitive = false; break;
            case "disallow-unmapped": options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow; break;
            case "populate": options.PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate; break;
            case "respect-nullable": options.RespectNullableAnnotations = true; break;
            case "respect-required": options.RespectRequiredConstructorParameters = true; break;
            case "no-duplicates": options.AllowDuplicateProperties = false; break;
            case "indented": options.WriteIndented = true; break;
            case "preserve": options.ReferenceHandler = ReferenceHandler.Preserve; break;
            case "ignore-cycles": options.ReferenceHandler = ReferenceHandler.IgnoreCycles; break;
            case "encoder-all-ranges": options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All); break;
            case "string-enums": options.Converters.Add(new JsonStringEnumConverter()); break;
            case "double-converter": options.Converters.Add(new ExactDoubleConverter()); break;
            case "address-converter": options.Converters.Add(new AddressZipConverter()); break;
            default: throw new ArgumentOutOfRangeException(nameof(configuration), configuration, null);
        }

        return options;
    }

    private static readonly JsonSerializerOptions StjWeb = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private sealed class UpperNamingPolicy : JsonNamingPolicy
    {
        public override string ConvertName(string name) => name.ToUpperInvariant();
    }

    /// <summary>Writes doubles with a fixed 3-decimal format: other bytes than STJ's default.</summary>
    private sealed class ExactDoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Writes an address as its city alone.</summary>
    private sealed class AddressZipConverter : JsonConverter<Address>
    {
        public override Address Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!, null);

        public override void Write(Utf8JsonWriter writer, Address value, JsonSerializerOptions options) => writer.WriteStringValue(value.City);
    }

    private sealed class NoteListConverter : JsonConverter<List<Note>>
    {
        public override List<Note> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            reader.Skip();
            return [];
        }

        public override void Write(Utf8JsonWriter writer, List<Note> value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Count);
    }
}

/// <summary>A logger that keeps what it is given (a sink for the resolver's fallback messages).</summary>
internal sealed class ListLogger : ILogger
{
    private readonly Lock _gate = new();

    public List<string> Messages { get; } = [];

    public List<LogLevel> Levels { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            Messages.Add(formatter(state, exception));
            Levels.Add(logLevel);
        }
    }
}
