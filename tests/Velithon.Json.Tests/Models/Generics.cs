using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Models;

// Generic [VelithonJson] types: class, record, struct and record struct; one and two type parameters; constraints;
// type parameters in collections, dictionaries, nullables and other generic types; member attributes inside them.
// Closed uses as members (GenericHolder) and as roots. STJ reflection (Web) is the oracle.

/// <summary>A page of results: the type parameter as a list, an array, a dictionary value and a (nullable) member.</summary>
[VelithonJson]
public partial class Page<T>
{
    [JsonPropertyOrder(-1)]
    public int Number { get; set; }

    public List<T> Items { get; set; } = [];

    public T? First { get; set; }

    public T[]? Tail { get; set; }

    public Dictionary<string, T>? ByKey { get; set; }

    [JsonPropertyName("next_cursor")]
    public string? Cursor { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public T? Highlight { get; set; }

    [JsonIgnore]
    public T? Cached { get; set; }
}

/// <summary>A positional record: the type parameter bound to a constructor parameter.</summary>
[VelithonJson]
public partial record ApiResponse<T>(bool Ok, T Data, string? Error);

/// <summary>Two type parameters, one constrained to reference types, and a required member.</summary>
[VelithonJson]
public partial class Result<T, TError>
    where TError : class
{
    public required bool Success { get; init; }

    public T? Value { get; init; }

    public TError? Error { get; init; }
}

/// <summary>A struct with a value-type parameter (its nullable is <c>Nullable&lt;T&gt;</c>) and an unconstrained one.</summary>
[VelithonJson]
public partial struct Pair<TLeft, TRight>
    where TLeft : struct
{
    public TLeft? Left { get; set; }

    public TRight Right { get; set; }
}

/// <summary>A record struct with a notnull parameter.</summary>
[VelithonJson]
public partial record struct Boxed<T>(T Value, int Version)
    where T : notnull;

/// <summary>A new() constraint and a generic type as a member of a generic type.</summary>
[VelithonJson]
public partial class Envelope<T>
    where T : new()
{
    public T Body { get; set; } = new();

    public Page<T>? Related { get; set; }

    public Boxed<List<T>>? Batch { get; set; }
}

/// <summary>A generic type nested in a non-generic one.</summary>
public static partial class GenericOuter
{
    [VelithonJson]
    public partial class Tagged<T>
    {
        public string? Tag { get; set; }

        public T? Value { get; set; }
    }
}

/// <summary>Closed generic types as members: the generator registers the handlers of their type arguments.</summary>
[VelithonJson]
public partial class GenericHolder
{
    public Page<Address>? Addresses { get; set; }

    public Page<int>? Numbers { get; set; }

    public Page<List<Address>>? Batches { get; set; }

    public ApiResponse<Page<Address>>? Response { get; set; }

    public Result<int, string>? Outcome { get; set; }

    public Pair<int, string?> Pair { get; set; }

    public Page<Color>? Colors { get; set; }

    public Page<int?>? Maybe { get; set; }

    public Page<Dictionary<string, long>>? Maps { get; set; }

    public Page<Point[]>? Points { get; set; }

    public Envelope<PointRecord>? Envelope { get; set; }

    public GenericOuter.Tagged<Guid>? Tagged { get; set; }
}

/// <summary>A numeric enum as a type argument.</summary>
public enum Priority
{
    Low,
    Normal,
    High,
}

/// <summary>
/// A positional generic record closed over single-token types: STJ reads such a constructor argument in the record's
/// frame and names the record in its conversion errors; an object argument names itself.
/// </summary>
[VelithonJson]
public partial class ResponseVariants
{
    public ApiResponse<int>? Count { get; set; }

    public ApiResponse<string>? Text { get; set; }

    public ApiResponse<Priority>? Level { get; set; }

    public ApiResponse<Priority?>? MaybeLevel { get; set; }

    public ApiResponse<Guid?>? MaybeId { get; set; }

    public ApiResponse<Page<int>>? Nested { get; set; }
}
