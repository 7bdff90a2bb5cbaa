using System;
using System.Collections.Generic;
using System.Linq;

namespace Velithon.Generators.Interning;

/// <summary>
/// A compile-time perfect hash of the non-empty strings of a table, in one form (UTF-8 bytes or chars).
/// <para>
/// The hash <c>h</c> is <c>length * K[0] + unit(p1) * K[1] + ...</c> (32-bit, wrapping) over a few code units at
/// positions counted from the start or from the end of the string (clamped to the string, so every non-empty length can
/// be read); the positions are chosen greedily as those that tell the most keys apart. The top bits of <c>h * Bucket</c>
/// choose a bucket; the bucket's displacement <c>d</c> gives the slot, the top bits of <c>(h ^ d) * Slot</c>, in a
/// power-of-two table at least twice the number of keys ("hash and displace"). Each slot names the only entry that can
/// be equal (empty slots name entry 0), which the lookup checks with one comparison.
/// </para>
/// Everything here is deterministic (fixed constants, fixed orders), and the search is bounded; when the sampled positions
/// cannot tell the keys apart or no displacement fits, <see cref="TryBuild"/> fails and the table keeps the switch tree.
/// </summary>
internal sealed class InternedPerfectHash
{
    /// <summary>The most positions sampled per key.</summary>
    internal const int MaxPositions = 6;

    /// <summary>Positions 0..N-1 from the start and from the end are the candidates.</summary>
    internal const int PositionRange = 16;

    /// <summary>The most displacements tried over all buckets, per multiplier pair.</summary>
    private const long MaxTries = 4_000_000;

    /// <summary>Odd multipliers for the length and the sampled units.</summary>
    internal static readonly uint[] UnitMultipliers = [0x9E3779B1u, 0x85EBCA77u, 0xC2B2AE3Du, 0x27D4EB2Fu, 0x165667B1u, 0xD3A2646Du, 0xFD7046C5u];

    private static readonly (uint Bucket, uint Slot)[] Multipliers =
    [
        (0x9E3779B1u, 0x85EBCA6Bu),
        (0xC2B2AE35u, 0x27D4EB2Du),
        (0x165667B1u, 0xD3A2646Du),
        (0xFD7046C5u, 0xB55A4F09u),
        (0x2545F491u, 0x9E3779B9u),
        (0x61C88647u, 0x7FEB352Du),
    ];

    private InternedPerfectHash(Position[] positions, uint bucketMultiplier, uint slotMultiplier, int bucketBits, int slotBits, ushort[] displacements, ushort[] slots)
    {
        Positions = positions;
        BucketMultiplier = bucketMultiplier;
        SlotMultiplier = slotMultiplier;
        BucketBits = bucketBits;
        SlotBits = slotBits;
        Displacements = displacements;
        Slots = slots;
    }

    /// <summary>The sampled positions, in hash order.</summary>
    public Position[] Positions { get; }

    public uint BucketMultiplier { get; }

    public uint SlotMultiplier { get; }

    public int BucketBits { get; }

    public int SlotBits { get; }

    /// <summary>Per bucket, the value XORed into the hash before the slot is taken.</summary>
    public ushort[] Displacements { get; }

    /// <summary>Per slot, the index of the entry in the table (0 for an empty slot: the comparison fails).</summary>
    public ushort[] Slots { get; }

    /// <summary>A code unit's position: <c>Index</c> from the start, or from the end (0 = the last unit).</summary>
    internal readonly record struct Position(bool FromEnd, int Index)
    {
        public int Resolve(int length) => FromEnd ? Math.Max(length - 1 - Index, 0) : Math.Min(Index, length - 1);
    }

    /// <summary>
    /// Builds the hash of the keys (code units per table entry; an empty key is skipped, the lookup tests the length
    /// first), or returns null when none is found within the bounds.
    /// </summary>
    public static InternedPerfectHash? TryBuild(IReadOnlyList<int[]> keys)
    {
        if (keys.Count > ushort.MaxValue)
        {
            return null;
        }

        List<int> members = Enumerable.Range(0, keys.Count).Where(i => keys[i].Length != 0).ToList();
        if (members.Count == 0)
        {
            return null;
        }

        Position[]? positions = ChoosePositions(keys, members);
        if (positions is null)
        {
            return null;
        }

        var hashes = new uint[keys.Count];
        var seen = new HashSet<uint>();
        foreach (int i in members)
        {
            hashes[i] = Hash(keys[i], positions);
            if (!seen.Add(hashes[i]))
            {
                return null; // Distinct samples, equal hashes: very rare; the switch tree serves.
            }
        }

        int slotBits = 1;
        while ((1 << slotBits) < 2 * members.Count)
        {
            slotBits++;
        }

        int bucketBits = Math.Max(slotBits - 2, 0);
        foreach ((uint bucketMultiplier, uint slotMultiplier) in Multipliers)
        {
            ushort[]? displacements = Displace(members, hashes, bucketMultiplier, slotMultiplier, bucketBits, slotBits, out ushort[] slots);
            if (displacements is not null)
            {
                return new InternedPerfectHash(positions, bucketMultiplier, slotMultiplier, bucketBits, slotBits, displacements, slots);
            }
        }

        return null;
    }

    internal static uint Hash(int[] units, Position[] positions)
    {
        unchecked
        {
            uint h = (uint)units.Length * UnitMultipliers[0];
            for (int p = 0; p < positions.Length; p++)
            {
                h += (uint)units[positions[p].Resolve(units.Length)] * UnitMultipliers[p + 1];
            }

            return h;
        }
    }

    internal static int Top(uint value, int bits) => bits == 0 ? 0 : (int)(value >> (32 - bits));

    /// <summary>
    /// Up to <see cref="MaxPositions"/> positions, each the candidate that leaves the most keys told apart (with the
    /// length and the positions before it); null when the keys still share samples.
    /// </summary>
    private static Position[]? ChoosePositions(IReadOnlyList<int[]> keys, List<int> members)
    {
        var candidates = new List<Position>();
        for (int i = 0; i < PositionRange; i++)
        {
            candidates.Add(new Position(false, i));
            candidates.Add(new Position(true, i));
        }

        var chosen = new List<Position>();
        var seen = new HashSet<(int, int, int, int, int, int, int)>();
        int Distinct(List<Position> positions)
        {
            seen.Clear();
            foreach (int i in members)
            {
                int[] key = keys[i];
                int Unit(int p) => p < positions.Count ? key[positions[p].Resolve(key.Length)] : -1;
                seen.Add((key.Length, Unit(0), Unit(1), Unit(2), Unit(3), Unit(4), Unit(5)));
            }

            return seen.Count;
        }

        int best = Distinct(chosen);
        while (best < members.Count && chosen.Count < MaxPositions)
        {
            Position? pick = null;
            foreach (Position candidate in candidates)
            {
                if (chosen.Contains(candidate))
                {
                    continue;
                }

                chosen.Add(candidate);
                int distinct = Distinct(chosen);
                chosen.RemoveAt(chosen.Count - 1);
                if (distinct > best)
                {
                    best = distinct;
                    pick = candidate;
                }
            }

            if (pick is null)
            {
                break;
            }

            chosen.Add(pick.Value);
        }

        return best == members.Count ? chosen.ToArray() : null;
    }

    /// <summary>Buckets from the largest, each with the first displacement that puts all its keys in free slots.</summary>
    private static ushort[]? Displace(List<int> members, uint[] hashes, uint bucketMultiplier, uint slotMultiplier, int bucketBits, int slotBits, out ushort[] slots)
    {
        var buckets = new List<int>[1 << bucketBits];
        for (int b = 0; b < buckets.Length; b++)
        {
            buckets[b] = [];
        }

        foreach (int i in members)
        {
            buckets[Top(unchecked(hashes[i] * bucketMultiplier), bucketBits)].Add(i);
        }

        var displacements = new ushort[buckets.Length];
        var taken = new bool[1 << slotBits];
        slots = new ushort[1 << slotBits];
        var placed = new List<int>();
        long tries = 0;
        foreach (int b in Enumerable.Range(0, buckets.Length).OrderByDescending(b => buckets[b].Count).ThenBy(b => b))
        {
            if (buckets[b].Count == 0)
            {
                break;
            }

            bool done = false;
            for (int d = 0; d <= ushort.MaxValue && !done; d++)
            {
                if (++tries > MaxTries)
                {
                    return null;
                }

                placed.Clear();
                done = true;
                foreach (int i in buckets[b])
                {
                    int slot = Top(unchecked((hashes[i] ^ (uint)d) * slotMultiplier), slotBits);
                    if (taken[slot])
                    {
                        done = false;
                        break;
                    }

                    taken[slot] = true;
                    placed.Add(slot);
                }

                if (done)
                {
                    displacements[b] = (ushort)d;
                    for (int k = 0; k < placed.Count; k++)
                    {
                        slots[placed[k]] = (ushort)buckets[b][k];
                    }
                }
                else
                {
                    foreach (int slot in placed)
                    {
                        taken[slot] = false;
                    }
                }
            }

            if (!done)
            {
                return null;
            }
        }

        return displacements;
    }
}
