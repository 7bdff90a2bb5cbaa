namespace Velithon.Json.Tests;

/// <summary>
/// The acceptance test of compile-time settings ([VelithonJson(...)]): for every profile type and thousands of random
/// values, Velithon writes exactly what System.Text.Json writes with the same <c>JsonSerializerOptions</c>, reads STJ's
/// output and its variants (recased names, unknown members, quoted numbers, duplicates, reordered members, trailing
/// commas, comments; every read-only member written, members left out, nulls in place of values, random damage) to what STJ reads or
/// fails with STJ's error, and a host configured the same way runs the
/// generated code while a Web host does not.
/// </summary>
public sealed class OptionsOracleTests
{
    public static TheoryData<string> Types => new(ProfileCatalogue.Names);

    public static TheoryData<string, string> Variants
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string type in ProfileCatalogue.Names)
            {
                foreach (string variant in new[] { "as-written", "recased", "unknown-members", "quoted-numbers", "duplicates", "reordered", "trailing-commas", "comments", "comments-anywhere", "bad-commas", "extra-members", "all-members", "dropped-members", "nulls", "mutated" })
                {
                    data.Add(type, variant);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Serialize_is_byte_identical_to_STJ_with_the_same_options(string type) => ProfileCatalogue.Get(type).SerializeMatchesStj();

    [Theory]
    [MemberData(nameof(Variants))]
    public void Reads_like_STJ_with_the_same_options(string type, string variant) => ProfileCatalogue.Get(type).ReadsLikeStj(variant);

    [Theory]
    [MemberData(nameof(Types))]
    public void A_host_with_the_same_options_runs_the_generated_code(string type) => ProfileCatalogue.Get(type).HostWithTheSameOptionsRunsTheGeneratedCode();

    [Theory]
    [MemberData(nameof(Types))]
    public void A_Web_host_falls_back_to_STJ_or_throws(string type) => ProfileCatalogue.Get(type).WebHostFallsBackOrThrows();

    [Theory]
    [MemberData(nameof(Types))]
    public void The_fast_path_takes_what_STJ_writes(string type) => ProfileCatalogue.Get(type).FastPathTakesStjOutput();
}
