using Velithon;

namespace Velithon.Benchmarks.Documents;

// citm_catalog.json: a concert hall's catalogue. Most of it is dictionaries keyed by ids (written as JSON strings of
// digits, read into integer keys as System.Text.Json reads them), plus 243 performances with prices and seat areas.

[VelithonJson]
public sealed partial class CitmCatalog
{
    public Dictionary<long, string> AreaNames { get; set; } = [];
    public Dictionary<long, string> AudienceSubCategoryNames { get; set; } = [];
    public Dictionary<long, string> BlockNames { get; set; } = [];
    public Dictionary<long, CitmEvent> Events { get; set; } = [];
    public List<Performance> Performances { get; set; } = [];
    public Dictionary<long, string> SeatCategoryNames { get; set; } = [];
    public Dictionary<long, string> SubTopicNames { get; set; } = [];
    public Dictionary<long, string> SubjectNames { get; set; } = [];
    public Dictionary<long, string> TopicNames { get; set; } = [];
    public Dictionary<long, long[]> TopicSubTopics { get; set; } = [];
    public Dictionary<string, string> VenueNames { get; set; } = [];
}

[VelithonJson]
public sealed partial class CitmEvent
{
    public string? Description { get; set; }
    public long Id { get; set; }
    public string? Logo { get; set; }
    public string Name { get; set; } = "";
    public long[] SubTopicIds { get; set; } = [];
    public string? SubjectCode { get; set; }
    public string? Subtitle { get; set; }
    public long[] TopicIds { get; set; } = [];
}

[VelithonJson]
public sealed partial class Performance
{
    public long EventId { get; set; }
    public long Id { get; set; }
    public string? Logo { get; set; }
    public string? Name { get; set; }
    public List<Price> Prices { get; set; } = [];
    public List<SeatCategory> SeatCategories { get; set; } = [];
    public string? SeatMapImage { get; set; }
    public long Start { get; set; }
    public string VenueCode { get; set; } = "";
}

[VelithonJson]
public sealed partial record Price(int Amount, long AudienceSubCategoryId, long SeatCategoryId);

[VelithonJson]
public sealed partial class SeatCategory
{
    public List<Area> Areas { get; set; } = [];
    public long SeatCategoryId { get; set; }
}

[VelithonJson]
public sealed partial record Area(long AreaId, long[] BlockIds);
