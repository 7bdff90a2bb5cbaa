using Velithon;

namespace Consumer.Diagnostics;

// VLG101: a [VelithonJson] type must be partial.
[VelithonJson]
public class NotPartial
{
    public int Id { get; set; }
}

public static class Interning
{
    // VLG302 (warning): a GUID's text is unique by construction, interning it only fills the interner.
    public static string Id() => Velithon.Memory.StringInterner.Shared.Intern(System.Guid.NewGuid().ToString());
}

public static class Endpoints
{
    // VLG307 (error): a cached endpoint needs a positive duration.
    [VelithonCached(Duration = 0)]
    public static string Products() => "[]";

    // VLG311 (error): the response depends on a request header the cache key does not hold.
    [VelithonCached]
    public static string Greeting(Microsoft.AspNetCore.Http.HttpRequest request) => request.Headers.AcceptLanguage.ToString();

    // VLG310 (error): VaryByQuery keys only "page", so one sort order would be served for every other.
    [VelithonCached(VaryByQuery = ["page"])]
    public static string Page([Microsoft.AspNetCore.Mvc.FromQuery] int page, [Microsoft.AspNetCore.Mvc.FromQuery] string? sort) => page + sort;
}

// VLG207 (error): the file is not an additional file of the project.
[InternedStrings(File = "missing.interned.txt")]
public static partial class MissingVocabulary;
