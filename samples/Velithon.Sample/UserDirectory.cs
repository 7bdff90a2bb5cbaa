using System.Text;
using Velithon.Memory;

namespace Velithon.Sample;

/// <summary>A read-only user list whose repeated values (roles, countries) are interned from UTF-8 source data.</summary>
internal sealed class UserDirectory
{
    private static readonly string[] Roles = ["admin", "editor", "viewer", "billing"];
    private static readonly string[] Countries = ["DE", "FR", "JP", "US", "BR", "IN"];

    public UserDirectory(IVelithonMemory memory)
    {
        // Roles and countries arrive as UTF-8 (as they would from a database or a request body): InternUtf8 returns
        // one shared string per distinct value instead of one new string per user.
        All = Enumerable.Range(1, 200).Select(id => new User(
            id,
            $"user{id}@example.com",
            memory.Interner.InternUtf8(Encoding.UTF8.GetBytes(Roles[id % Roles.Length])),
            memory.Interner.InternUtf8(Encoding.UTF8.GetBytes(Countries[id % Countries.Length])))).ToArray();
    }

    public User[] All { get; }

    public User? Find(int id) => id >= 1 && id <= All.Length ? All[id - 1] : null;

    /// <summary><paramref name="count"/> users, cycling through <see cref="All"/> with fresh ids, produced lazily.</summary>
    public IEnumerable<User> Stream(int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return All[i % All.Length] with { Id = i + 1 };
        }
    }
}

/// <summary>A user of the sample API; <c>[VelithonJson]</c> writes it through generated code.</summary>
[VelithonJson]
public sealed partial record User(int Id, string Email, string Role, string Country);

/// <summary>What POST /reports answers.</summary>
[VelithonJson]
public sealed partial record QueueReceipt(string Report, int Queued);
