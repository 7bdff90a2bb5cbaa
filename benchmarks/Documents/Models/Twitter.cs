using System.Text.Json.Serialization;
using Velithon;

namespace Velithon.Benchmarks.Documents;

// twitter.json: a search result of Twitter's v1.1 API. Names are snake_case, so every type says so once; a user with
// many such types would put it in [assembly: VelithonJsonDefaults(...)] instead.

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class TwitterSearch
{
    public List<Tweet> Statuses { get; set; } = [];
    public SearchMetadata SearchMetadata { get; set; } = new();
}

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class SearchMetadata
{
    public double CompletedIn { get; set; }
    public long MaxId { get; set; }
    public string MaxIdStr { get; set; } = "";
    public string NextResults { get; set; } = "";
    public string Query { get; set; } = "";
    public string RefreshUrl { get; set; } = "";
    public int Count { get; set; }
    public long SinceId { get; set; }
    public string SinceIdStr { get; set; } = "";
}

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class Tweet
{
    public TweetMetadata Metadata { get; set; } = new();
    public string CreatedAt { get; set; } = "";
    public long Id { get; set; }
    public string IdStr { get; set; } = "";
    public string Text { get; set; } = "";
    public string Source { get; set; } = "";
    public bool Truncated { get; set; }
    public long? InReplyToStatusId { get; set; }
    public string? InReplyToStatusIdStr { get; set; }
    public long? InReplyToUserId { get; set; }
    public string? InReplyToUserIdStr { get; set; }
    public string? InReplyToScreenName { get; set; }
    public TwitterUser User { get; set; } = new();
    public GeoPoint? Geo { get; set; }
    public GeoPoint? Coordinates { get; set; }
    public Place? Place { get; set; }
    public long[]? Contributors { get; set; }

    // Only retweets have one: absent, not null, in the others.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Tweet? RetweetedStatus { get; set; }

    public int RetweetCount { get; set; }
    public int FavoriteCount { get; set; }
    public TweetEntities Entities { get; set; } = new();
    public bool Favorited { get; set; }
    public bool Retweeted { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? PossiblySensitive { get; set; }

    public string Lang { get; set; } = "";
}

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class TweetMetadata
{
    public string ResultType { get; set; } = "";
    public string IsoLanguageCode { get; set; } = "";
}

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class TwitterUser
{
    public long Id { get; set; }
    public string IdStr { get; set; } = "";
    public string Name { get; set; } = "";
    public string ScreenName { get; set; } = "";
    public string Location { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Url { get; set; }
    public UserEntities Entities { get; set; } = new();
    public bool Protected { get; set; }
    public int FollowersCount { get; set; }
    public int FriendsCount { get; set; }
    public int ListedCount { get; set; }
    public string CreatedAt { get; set; } = "";
    public int FavouritesCount { get; set; }
    public int? UtcOffset { get; set; }
    public string? TimeZone { get; set; }
    public bool GeoEnabled { get; set; }
    public bool Verified { get; set; }
    public int StatusesCount { get; set; }
    public string Lang { get; set; } = "";
    public bool ContributorsEnabled { get; set; }
    public bool IsTranslator { get; set; }
    public bool IsTranslationEnabled { get; set; }
    public string ProfileBackgroundColor { get; set; } = "";
    public string ProfileBackgroundImageUrl { get; set; } = "";
    public string ProfileBackgroundImageUrlHttps { get; set; } = "";
    public bool ProfileBackgroundTile { get; set; }
    public string ProfileImageUrl { get; set; } = "";
    public string ProfileImageUrlHttps { get; set; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProfileBannerUrl { get; set; }

    public string ProfileLinkColor { get; set; } = "";
    public string ProfileSidebarBorderColor { get; set; } = "";
    public string ProfileSidebarFillColor { get; set; } = "";
    public string ProfileTextColor { get; set; } = "";
    public bool ProfileUseBackgroundImage { get; set; }
    public bool DefaultProfile { get; set; }
    public bool DefaultProfileImage { get; set; }
    public bool Following { get; set; }
    public bool FollowRequestSent { get; set; }
    public bool Notifications { get; set; }
}

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class UserEntities
{
    public UrlList Description { get; set; } = new();

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UrlList? Url { get; set; }
}

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class UrlList
{
    public List<UrlEntity> Urls { get; set; } = [];
}

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class TweetEntities
{
    public List<Hashtag> Hashtags { get; set; } = [];
    public List<Hashtag> Symbols { get; set; } = [];
    public List<UrlEntity> Urls { get; set; } = [];
    public List<UserMention> UserMentions { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<Media>? Media { get; set; }
}

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial record Hashtag(string Text, int[] Indices);

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial record UrlEntity(string Url, string ExpandedUrl, string DisplayUrl, int[] Indices);

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial record UserMention(string ScreenName, string Name, long Id, string IdStr, int[] Indices);

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class Media
{
    public long Id { get; set; }
    public string IdStr { get; set; } = "";
    public int[] Indices { get; set; } = [];
    public string MediaUrl { get; set; } = "";
    public string MediaUrlHttps { get; set; } = "";
    public string Url { get; set; } = "";
    public string DisplayUrl { get; set; } = "";
    public string ExpandedUrl { get; set; } = "";
    public string Type { get; set; } = "";
    public MediaSizes Sizes { get; set; } = null!;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SourceStatusId { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SourceStatusIdStr { get; set; }
}

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial record MediaSizes(MediaSize Medium, MediaSize Small, MediaSize Thumb, MediaSize Large);

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial record MediaSize(int W, int H, string Resize);

// Null in every tweet of the document; the shapes are the API's.
[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial record GeoPoint(string Type, double[] Coordinates);

[VelithonJson(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial record Place(string Id, string Url, string PlaceType, string Name, string FullName, string CountryCode, string Country);
