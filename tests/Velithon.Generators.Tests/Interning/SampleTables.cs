namespace Velithon.Generators.Tests.Interning;

/// <summary>
/// A table compiled by the generator as part of this test project (it is referenced as an analyzer), used by the
/// in-process tests: twelve values of length 4 (a position switch), shared prefixes and non-ASCII.
/// </summary>
[InternedStrings]
internal static partial class SampleTable
{
    public const string Get = "GET";
    public const string Put = "PUT";
    public const string Post = "POST";
    public const string Head = "HEAD";
    public const string Copy = "COPY";
    public const string Lock = "LOCK";
    public const string Move = "MOVE";
    public const string Link = "LINK";
    public const string Bind = "BIND";
    public const string Span = "SPAN";
    public const string Sync = "SYNC";
    public const string Poll = "POLL";
    public const string Pull = "PULL";
    public const string Patch = "PATCH";
    public const string Delete = "DELETE";
    public const string Options = "OPTIONS";
    public const string Cafe = "café";
    public const string Tokyo = "東京";
    public const string Rocket = "🚀";
    public const string Empty = "";
}
