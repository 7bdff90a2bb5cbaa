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
}

// VLG207 (error): the file is not an additional file of the project.
[InternedStrings(File = "missing.interned.txt")]
public static partial class MissingVocabulary;
