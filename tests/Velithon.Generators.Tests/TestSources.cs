namespace Velithon.Generators.Tests;

/// <summary>Input programs shared by the snapshot, compile and caching tests.</summary>
internal static partial class TestSources
{
    public const string AllPrimitives = """
        using System;
        using Velithon;

        namespace Demo;

        [VelithonJson]
        public partial class AllPrimitives
        {
            public bool Flag { get; set; }
            public byte U8 { get; set; }
            public sbyte I8 { get; set; }
            public short I16 { get; set; }
            public ushort U16 { get; set; }
            public int I32 { get; set; }
            public uint U32 { get; set; }
            public long I64 { get; set; }
            public ulong U64 { get; set; }
            public float F32 { get; set; }
            public double F64 { get; set; }
            public decimal Money { get; set; }
            public string? Text { get; set; }
            public char Letter { get; set; }
            public Guid Id { get; set; }
            public DateTime When { get; set; }
            public DateTimeOffset At { get; set; }
            public DateOnly Day { get; set; }
            public TimeOnly Time { get; set; }
            public TimeSpan Span { get; set; }
            public Uri? Link { get; set; }
            public byte[]? Blob { get; set; }
            public int? MaybeInt { get; set; }
            public DateTime? MaybeWhen { get; set; }
            [Interned] public string Role { get; set; } = "user";
        }
        """;

    public const string RecordWithConstructor = """
        using Velithon;

        namespace Demo;

        [VelithonJson]
        public partial record Person(int Id, string Name)
        {
            public string? Nickname { get; init; } = "none";
            public required string Email { get; init; }
            public int Age { get; set; }
            public string Display => Name + "!";
        }
        """;

    public const string Structs = """
        using Velithon;

        namespace Demo;

        [VelithonJson]
        public partial struct Point
        {
            public double X { get; set; }
            public double Y { get; set; }
            public int? Z { get; init; }
        }

        [VelithonJson]
        public readonly partial record struct Size(int Width, int Height);
        """;

    public const string NestedAndCollections = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Velithon;

        namespace Demo;

        [VelithonJson]
        public partial class Order
        {
            public List<Line> Lines { get; set; } = new();
            public Line[]? Extra { get; set; }
            public IReadOnlyList<int>? Ids { get; set; }
            public IList<double>? Weights { get; set; }
            public ICollection<Guid>? Refs { get; set; }
            public IEnumerable<string>? Tags { get; set; }
            public ImmutableArray<long> Stamps { get; set; }
            public Dictionary<string, Line>? ByCode { get; set; }
            public IReadOnlyDictionary<string, int>? Counts { get; set; }
            public IDictionary<string, List<int?>>? Nested { get; set; }
            public Customer? Owner { get; set; }
            public Point Where { get; set; }
            public Point? MaybeWhere { get; set; }
        }

        [VelithonJson]
        public partial class Line
        {
            public string Sku { get; set; } = "";
            public int Qty { get; set; }
        }

        [VelithonJson]
        public partial class Customer
        {
            public string Name { get; set; } = "";
            public List<Order>? Orders { get; set; }
        }

        [VelithonJson]
        public partial struct Point
        {
            public int X { get; set; }
            public int Y { get; set; }
        }

        public static partial class Outer
        {
            [VelithonJson]
            internal partial class Inner
            {
                public int A { get; set; }
            }
        }
        """;

    public const string StringEnums = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [JsonConverter(typeof(JsonStringEnumConverter))]
        public enum Color { Red, Green, Blue }

        [Flags]
        public enum Perms { None = 0, Read = 1, Write = 2, ReadWrite = 3, Exec = 4 }

        public enum Level : byte { Low, High }

        [VelithonJson]
        public partial class Palette
        {
            public Color Main { get; set; }
            [JsonConverter(typeof(JsonStringEnumConverter<Perms>))]
            public Perms Access { get; set; }
            public Level Lvl { get; set; }
            public Color? Maybe { get; set; }
            public List<Color>? All { get; set; }
            [JsonConverter(typeof(JsonStringEnumConverter))]
            public Level? NamedLevel { get; set; }
        }
        """;

    public const string Attributes = """
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [VelithonJson]
        public partial class Tuned
        {
            [JsonPropertyName("full_name")]
            public string? Name { get; set; }

            [JsonIgnore]
            public int Secret { get; set; }

            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
            public string? Note { get; set; }

            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
            public int Count { get; set; }

            [JsonPropertyOrder(-1)]
            public int First { get; set; }

            [JsonInclude]
            public int Field;

            [JsonInclude]
            internal string Hidden { get; private set; } = "";

            [JsonRequired]
            public int Must { get; set; }

            public string Computed => "x";
        }

        [VelithonJson]
        public partial class Derived : Tuned
        {
            public int Extra { get; set; }
        }

        [VelithonJson]
        public partial class Built
        {
            [JsonConstructor]
            public Built(string code, int size = 3)
            {
                Code = code;
                Size = size;
            }

            public Built() : this("none")
            {
            }

            public string Code { get; }
            public int Size { get; }

            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
            public string? Optional { get; set; }
        }
        """;

    public const string Diagnostics = """
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [VelithonJson]
        public partial class NoConstructor
        {
            public NoConstructor(int a) => A = a;

            public NoConstructor(int a, int b) => A = a + b;

            public int A { get; }
        }
        """;

    /// <summary>PreferredObjectCreationHandling = Populate: populated collections, dictionaries and an object, C# required members.</summary>
    public const string Populated = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
        public partial class Basket
        {
            public required string Owner { get; init; }
            public List<int> Counts { get; set; } = new();
            public List<string> Fixed { get; } = new();
            public IList<int>? Maybe { get; set; }
            public Stack<int> Pushed { get; set; } = new();
            public Dictionary<string, int> Prices { get; } = new();
            public SortedDictionary<int, string> Ranked { get; set; } = new();
            public Item Top { get; set; } = new();
            public int[] Replaced { get; set; } = [];
        }

        [VelithonJson(PreferredObjectCreationHandling = JsonObjectCreationHandling.Populate)]
        public partial class Item
        {
            [JsonRequired]
            public int Id { get; set; }
            public List<string> Notes { get; set; } = new();
        }
        """;

    /// <summary>A type compiled with settings other than the Web defaults (docs/json.md, the settings table).</summary>
    public const string NullableAnnotations = """
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [VelithonJson(RespectNullableAnnotations = true)]
        public partial class Account
        {
            public Account(string id) { Id = id; }

            public string Id { get; }
            public string Name { get; set; } = "";
            public string? Note { get; set; }
            public Owner Owner { get; set; } = new();
            public List<Owner?> History { get; set; } = new();
            [AllowNull] public string Lenient { get; set; } = "";
            [NotNull] public string? Checked { get; set; } = "";

            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
            public string Quiet { get; set; } = "";
        }

        [VelithonJson(RespectNullableAnnotations = true)]
        public partial class Owner
        {
            public string Label { get; set; } = "";
            public int Count { get; set; }
        }
        """;

    public const string Configured = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [VelithonJson(
            JsonSerializerDefaults.General,
            PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = JsonKnownNamingPolicy.KebabCaseUpper,
            NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UseStringEnumConverter = true)]
        public partial class Configured
        {
            public int OrderId { get; set; }
            public string? CustomerName { get; set; }

            [JsonPropertyName("Explicit")]
            public double Amount { get; set; }

            public Dictionary<string, int>? CountsByKey { get; set; }
            public List<double>? Scores { get; set; }
            public int? MaybeCount { get; set; }

            [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
            public string? AlwaysWritten { get; set; }

            public Mood Mood { get; set; }
            public List<Mood>? History { get; set; }
        }

        public enum Mood
        {
            Calm,
            Busy,
        }
        """;

    public const string Indented = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Velithon;

        [assembly: VelithonJsonDefaults(
            WriteIndented = true,
            IndentCharacter = '\t',
            IndentSize = 1,
            NewLine = "\r\n",
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UseStringEnumConverter = true)]

        namespace Demo;

        [VelithonJson]
        public partial class Report
        {
            public string? Title { get; set; }
            public int Count { get; set; }
            public List<Entry>? Entries { get; set; }
            public IEnumerable<int>? Numbers { get; set; }
            public IReadOnlyDictionary<string, Mood>? Moods { get; set; }
            public Empty? Nothing { get; set; }
        }

        [VelithonJson]
        public partial class Entry
        {
            public string? Note { get; set; }
            public Mood? Mood { get; set; }
        }

        [VelithonJson]
        public partial class Empty
        {
        }

        public enum Mood
        {
            Calm,
            Busy,
        }
        """;

    /// <summary>Custom [JsonConverter]s: member, type (a value object, an enum), factory, nullable, collection element.</summary>
    public const string Converters = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [JsonConverter(typeof(MoneyConverter))]
        public readonly record struct Money(decimal Amount, string Currency);

        public sealed class MoneyConverter : JsonConverter<Money>
        {
            public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => default;
            public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) => writer.WriteStringValue(value.Currency);
        }

        public readonly record struct OrderId(long Value);

        public sealed class OrderIdConverter : JsonConverter<OrderId>
        {
            public override OrderId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64());
            public override void Write(Utf8JsonWriter writer, OrderId value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
        }

        [JsonConverter(typeof(KebabLevels))]
        public enum Level { Basic, HighAvailability }

        public sealed class KebabLevels() : JsonStringEnumConverter<Level>(JsonNamingPolicy.KebabCaseLower);

        public sealed class Note
        {
            public string Text { get; set; } = "";
        }

        public sealed class NoteConverter : JsonConverter<Note>
        {
            public override bool HandleNull => true;
            public override Note Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new();
            public override void Write(Utf8JsonWriter writer, Note value, JsonSerializerOptions options) => writer.WriteStringValue(value?.Text);
        }

        public sealed class NoteFactory : JsonConverterFactory
        {
            public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(Note);
            public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) => new NoteConverter();
        }

        [VelithonJson]
        public partial class Order
        {
            [JsonConverter(typeof(OrderIdConverter))]
            public OrderId Id { get; set; }

            [JsonConverter(typeof(OrderIdConverter))]
            public OrderId? Parent { get; set; }

            public Money Total { get; set; }
            public Money? Discount { get; set; }
            public List<Money>? Lines { get; set; }
            public Level Level { get; set; }

            [JsonConverter(typeof(NoteConverter))]
            public Note? Note { get; set; }

            [JsonConverter(typeof(NoteFactory))]
            public Note? Other { get; set; }

            public int Count { get; set; }
        }
        """;

    public const string Generics = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        [VelithonJson]
        public partial class Page<T>
        {
            public List<T> Items { get; set; } = new();

            public T? First { get; set; }

            public T[]? Tail { get; set; }

            public Dictionary<string, T>? ByKey { get; set; }

            [JsonPropertyName("total_count")]
            [JsonPropertyOrder(-1)]
            public int Total { get; set; }

            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
            public T? Highlight { get; set; }
        }

        [VelithonJson]
        public partial record Result<T, TError>(T? Value, TError? Error)
            where TError : class;

        [VelithonJson]
        public partial struct Pair<TLeft, TRight>
            where TLeft : struct
            where TRight : new()
        {
            public TLeft? Left { get; set; }

            public TRight Right { get; set; }
        }

        [VelithonJson]
        public partial record struct Boxed<T>(T Value)
            where T : notnull;

        public static partial class Outer
        {
            [VelithonJson]
            public partial class Tagged<T>
                where T : class
            {
                public required T Value { get; init; }

                public Page<T>? Related { get; set; }
            }
        }

        [VelithonJson]
        public partial class Order
        {
            public int Id { get; set; }
        }

        public enum Tier { Basic, Gold }

        [VelithonJson]
        public partial class Customer
        {
            public Page<Order>? Orders { get; set; }

            public Page<List<Order>>? Batches { get; set; }

            public Result<int, string>? Last { get; set; }

            public Pair<Tier, Order>? Pair { get; set; }
        }

        public static class Usage
        {
            public static int Count(Boxed<Guid> box) => box.Value == Guid.Empty ? 0 : 1;
        }
        """;

    /// <summary>Values System.Text.Json converts with converters of its own: JSON documents and base64 memory.</summary>
    public const string DocumentValues = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using Velithon;

        namespace Demo;

        [VelithonJson]
        public partial class Envelope
        {
            public JsonElement Payload { get; set; }
            public JsonElement? Maybe { get; set; }
            public JsonDocument? Document { get; set; }
            public JsonNode? Node { get; set; }
            public JsonObject? Extra { get; set; }
            public List<JsonElement>? Items { get; set; }
            public Dictionary<string, JsonArray?>? Lists { get; set; }
            public ReadOnlyMemory<byte> Signature { get; set; }
        }
        """;

    /// <summary>Types without [VelithonJson] reached from one: generated outside the type (VLG122, info).</summary>
    public const string PlainTypes = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Velithon;

        namespace Demo;

        public class Address
        {
            public string? Street { get; set; }
            [JsonPropertyName("zip")]
            public int PostalCode { get; set; }
            [JsonIgnore]
            public int Secret { get; set; }
            public string Display => Street + PostalCode;
            internal int NotSeen { get; set; }
        }

        public sealed record Tag(string Name, int Weight = 1)
        {
            public required string Owner { get; init; }
        }

        public struct Size
        {
            public int Width { get; set; }
            public int Height { get; set; }
        }

        public sealed class Node
        {
            public int Value { get; set; }
            public List<Node>? Children { get; set; }
            public Tag? Tag { get; set; }
        }

        [VelithonJson]
        public partial class Customer
        {
            public Address? Home { get; set; }
            public List<Tag>? Tags { get; set; }
            public Size Size { get; set; }
            public Dictionary<string, Node>? Trees { get; set; }
        }
        """;
}
