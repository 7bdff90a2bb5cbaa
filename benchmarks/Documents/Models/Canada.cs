using Velithon;

namespace Velithon.Benchmarks.Documents;

// canada.json: a GeoJSON FeatureCollection whose one feature is the Canadian border, 111,126 [longitude, latitude]
// pairs in 480 rings. Names are already camelCase: the Web defaults fit as they are.

[VelithonJson]
public sealed partial class CanadaGeoJson
{
    public string Type { get; set; } = "";
    public List<Feature> Features { get; set; } = [];
}

[VelithonJson]
public sealed partial class Feature
{
    public string Type { get; set; } = "";
    public Dictionary<string, string> Properties { get; set; } = [];
    public Polygon Geometry { get; set; } = new();
}

[VelithonJson]
public sealed partial class Polygon
{
    public string Type { get; set; } = "";

    /// <summary>Rings of positions; a position is [longitude, latitude].</summary>
    public List<List<double[]>> Coordinates { get; set; } = [];
}
