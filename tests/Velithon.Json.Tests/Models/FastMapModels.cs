namespace Velithon.Json.Tests.Models;

/// <summary>Only dictionaries the fast path reads: string, int and long keys, in each interface form.</summary>
[VelithonJson]
public partial class FastMaps
{
    public Dictionary<string, int>? Counts { get; set; }
    public Dictionary<int, string?>? Names { get; set; }
    public Dictionary<long, long[]>? Groups { get; set; }
    public IReadOnlyDictionary<string, Address?>? Addresses { get; set; }
    public IDictionary<long, double>? Scores { get; set; }
    public Dictionary<string, Dictionary<int, bool>>? Nested { get; set; }
}
