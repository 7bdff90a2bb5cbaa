using Velithon.AspNetCore.Caching;

namespace Velithon.Caching.Tests;

/// <summary>The tag mirror: stamps never repeat, versions only rise.</summary>
public sealed class TagVersionsTests
{
    private static readonly string[] s_tags = ["a", "b"];

    [Fact]
    public void A_snapshot_is_stamps_then_Redis_versions()
    {
        var versions = new TagVersions();
        versions.Raise("b", 42, register: true);
        long[] snapshot = versions.Snapshot(s_tags);
        Assert.Equal(4, snapshot.Length);
        Assert.Equal(42, TagVersions.RedisVersion(snapshot, 2, 1));
        Assert.Equal(0, TagVersions.RedisVersion(snapshot, 2, 0));
        Assert.True(versions.IsCurrent(s_tags, snapshot));
        Assert.Equal(["a", "b"], versions.Known.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_local_eviction_then_a_remote_one_to_the_same_number_still_changes_the_stamp()
    {
        // This instance evicted while Redis was unreachable (its version stayed 0), then stored a fresh entry; another
        // instance's eviction now brings Redis to 1. With one counter both would read 1 and the entry would survive.
        var versions = new TagVersions();
        versions.Snapshot(s_tags);
        versions.BumpLocal("a");
        long[] afterLocal = versions.Snapshot(s_tags);
        Assert.True(versions.Raise("a", 1));
        Assert.False(versions.IsCurrent(s_tags, afterLocal));
    }

    [Fact]
    public void Versions_only_rise_and_unknown_tags_are_ignored()
    {
        var versions = new TagVersions();
        long[] snapshot = versions.Snapshot(s_tags);
        Assert.True(versions.Raise("a", 10));
        long[] later = versions.Snapshot(s_tags);
        Assert.False(versions.IsCurrent(s_tags, snapshot));
        Assert.False(versions.Raise("a", 10));
        Assert.False(versions.Raise("a", 3)); // an old message or read
        Assert.False(versions.Raise("a", -1)); // a value that is not a number
        Assert.True(versions.IsCurrent(s_tags, later));
        Assert.Equal(10, versions.Version("a"));

        Assert.False(versions.Raise("unknown", 5));
        Assert.DoesNotContain("unknown", versions.Known);
    }

    [Fact]
    public void Snapshots_between_two_evictions_share_one_array_and_an_eviction_gives_a_new_one()
    {
        // Entries of one tag set stored between evictions hold one array (issue 26); none of them may see a later change.
        var versions = new TagVersions();
        string[] tags = ["a", "b"];
        long[] first = versions.Snapshot(tags);
        Assert.Same(first, versions.Snapshot(tags));
        Assert.NotSame(first, versions.Snapshot(["a", "b"])); // another tags array: its own snapshot

        long[] before = [.. first];
        versions.BumpLocal("b");
        long[] second = versions.Snapshot(tags);
        Assert.NotSame(first, second);
        Assert.Equal(before, first); // never written to
        Assert.False(versions.IsCurrent(tags, first));
        Assert.True(versions.IsCurrent(tags, second));

        versions.Raise("a", 7);
        long[] third = versions.Snapshot(tags);
        Assert.Equal(7, TagVersions.RedisVersion(third, 2, 0));
        Assert.False(versions.IsCurrent(tags, second));
        Assert.Same(third, versions.Share(tags, [.. third]));
    }
}
