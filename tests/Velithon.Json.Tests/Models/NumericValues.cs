using System.Text.Json;
using System.Text.Json.Serialization;
using Velithon;

namespace Velithon.Json.Tests.Models;

// Half, Int128 and UInt128 (members, Nullable, constructor parameters, elements, dictionary values and keys) and
// Version (members, elements, keys), under the Web defaults and under each number handling STJ has.

[VelithonJson]
public sealed partial class NumericValues
{
    public Half Half { get; set; }

    public Half? MaybeHalf { get; set; }

    public Int128 Int { get; set; }

    public Int128? MaybeInt { get; set; }

    public UInt128 UInt { get; set; }

    public UInt128? MaybeUInt { get; set; }

    public List<Half>? Halves { get; set; }

    public Int128[]? Ints { get; set; }

    public List<UInt128?>? MaybeUInts { get; set; }

    public Dictionary<string, UInt128>? UIntsByName { get; set; }

    public Dictionary<Int128, Half>? HalvesByInt { get; set; }

    public Dictionary<Half, int>? ByHalf { get; set; }

    public Dictionary<UInt128, string>? ByUInt { get; set; }

    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public Half QuotedHalf { get; set; }

    [JsonNumberHandling(JsonNumberHandling.Strict)]
    public Int128 StrictInt { get; set; }
}

/// <summary>The wide numbers as constructor parameters.</summary>
[VelithonJson]
public sealed partial record NumericRecord(Int128 Id, Half Ratio, UInt128? Big);

/// <summary>One level down, for the paths of errors.</summary>
[VelithonJson]
public sealed partial class NumericHolder
{
    public NumericValues? Inner { get; set; }

    public List<NumericRecord>? Records { get; set; }
}

/// <summary>The General defaults: numbers only as JSON numbers.</summary>
[VelithonJson(JsonSerializerDefaults.General)]
public sealed partial class StrictNumerics
{
    public Half Half { get; set; }

    public Int128? Int { get; set; }

    public UInt128 UInt { get; set; }

    public List<Half>? Halves { get; set; }

    public Dictionary<string, Int128>? Ints { get; set; }
}

/// <summary>Named floating-point literals alone: NaN and the infinities as strings, no other string.</summary>
[VelithonJson(JsonSerializerDefaults.General, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed partial class NamedLiteralNumerics
{
    public Half Half { get; set; }

    public Int128? Int { get; set; }

    public UInt128 UInt { get; set; }

    public List<Half>? Halves { get; set; }

    public Dictionary<string, Int128>? Ints { get; set; }
}

/// <summary>Written as strings and read from them.</summary>
[VelithonJson(NumberHandling = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
public sealed partial class QuotedNumerics
{
    public Half Half { get; set; }

    public Int128? Int { get; set; }

    public UInt128 UInt { get; set; }

    public List<Half>? Halves { get; set; }

    public Dictionary<string, Int128>? Ints { get; set; }
}

/// <summary>Written as strings, read only from numbers.</summary>
[VelithonJson(NumberHandling = JsonNumberHandling.WriteAsString)]
public sealed partial class WrittenAsStringNumerics
{
    public Half Half { get; set; }

    public Int128? Int { get; set; }

    public UInt128 UInt { get; set; }

    public List<Half>? Halves { get; set; }

    public Dictionary<string, Int128>? Ints { get; set; }
}

/// <summary>Version members, elements, dictionary values and keys.</summary>
[VelithonJson]
public sealed partial class VersionValues
{
    public Version? Version { get; set; }

    public List<Version?>? Versions { get; set; }

    public Dictionary<string, Version?>? ByName { get; set; }

    public Dictionary<Version, int>? ByVersion { get; set; }
}

/// <summary>A Version constructor parameter.</summary>
[VelithonJson]
public sealed partial record VersionRecord(int Id, Version? Version);

/// <summary>The wide numbers as type arguments of generic types (built-in JSON handlers).</summary>
[VelithonJson]
public sealed partial class NumericPages
{
    public Page<Half>? Halves { get; set; }

    public Page<Int128?>? Ints { get; set; }

    public ApiResponse<UInt128>? Response { get; set; }
}
