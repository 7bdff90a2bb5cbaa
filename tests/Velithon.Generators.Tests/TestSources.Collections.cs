namespace Velithon.Generators.Tests;

internal static partial class TestSources
{
    /// <summary>Sets, queues, stacks, immutable sequences, other dictionary kinds and non-string keys (issue 18).</summary>
    public const string MoreCollections = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Collections.ObjectModel;
        using Velithon;

        namespace Demo;

        public enum Shade { Light, Dark }

        [VelithonJson]
        public partial class Shelf
        {
            public HashSet<string>? Tags { get; set; }
            public ISet<int>? Ids { get; set; }
            public Stack<int>? Undo { get; set; }
            public Queue<string>? Pending { get; set; }
            public ObservableCollection<double>? Readings { get; set; }
            public ImmutableList<long>? History { get; set; }
            public IImmutableSet<Guid>? Seen { get; set; }
            public SortedDictionary<string, int>? Sorted { get; set; }
            public ConcurrentDictionary<string, int>? Live { get; set; }
            public Dictionary<int, string>? ByNumber { get; set; }
            public IReadOnlyDictionary<Guid, List<int>?>? ByGuid { get; set; }
            public ImmutableDictionary<Shade, bool>? ByShade { get; set; }
            public Dictionary<DateOnly, decimal>? ByDay { get; set; }
        }
        """;
}
