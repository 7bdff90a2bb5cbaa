using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Models;

// Types built through a constructor with parameters that also have members System.Text.Json reads after the
// constructor: their errors come after the object's end (DeferredMemberOracleTests).

/// <summary>Constructor parameters, settable, init-only and required members, nested types read the same way.</summary>
[VelithonJson]
public sealed partial record DeferredOuter(int Id, string? Name)
{
    public int Count { get; set; }

    public DeferredInner? Inner { get; set; }

    public List<DeferredInner>? Items { get; init; }

    public Dictionary<string, int>? Scores { get; set; }

    public required string Code { get; init; }
}

/// <summary>A plain record with a member after its constructor, reached from <see cref="DeferredOuter"/>.</summary>
public sealed record DeferredInner(string? Label)
{
    public int Weight { get; set; }

    public PlainSize? Size { get; set; }
}

/// <summary>A constructor that rejects some arguments: STJ calls it before reading <see cref="Step"/>.</summary>
[VelithonJson]
public sealed partial class CheckedRange
{
    [JsonConstructor]
    public CheckedRange(int low, int high)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(low, high);
        Low = low;
        High = high;
    }

    public int Low { get; }

    public int High { get; }

    public int Step { get; set; }
}
