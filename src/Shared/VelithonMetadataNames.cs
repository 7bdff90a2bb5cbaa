namespace Velithon.CodeAnalysis;

/// <summary>
/// The metadata names of the Velithon types that the generators, analyzers and code fixes look for, in one place
/// (compiled into Velithon.Generators and Velithon.Analyzers; the code fixes use the analyzers' copy).
/// </summary>
internal static class VelithonMetadataNames
{
    public const string MemoryAssembly = "Velithon.Memory";

    public const string VelithonJsonAttribute = "Velithon.VelithonJsonAttribute";

    public const string VelithonJsonDefaultsAttribute = "Velithon.VelithonJsonDefaultsAttribute";

    public const string VelithonJsonOptions = "Velithon.VelithonJsonOptions";

    public const string JsonFastReader = "Velithon.Json.JsonFastReader";

    public const string InternedStringsAttribute = "Velithon.InternedStringsAttribute";

    public const string InternedAttribute = "Velithon.InternedAttribute";

    public const string StringInterner = "Velithon.Memory.StringInterner";

    public const string VelithonCachedAttribute = "Velithon.VelithonCachedAttribute";
}
