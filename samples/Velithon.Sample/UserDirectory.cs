using System.Text;
using Velithon.Memory;

namespace Velithon.Sample;

/// <summary>A read-only user list whose repeated values (roles, countries) are interned from UTF-8 source data.</summary>
internal sealed class UserDirectory
{
    private static readonly string[] RoleCycle = [Roles.Admin, Roles.Editor, Roles.Viewer, Roles.Billing];
    private static readonly string[] CountryCycle =
        [Countries.Germany, Countries.France, Countries.Japan, Countries.UnitedStates, Countries.Brazil, Countries.India];

    public UserDirectory(IVelithonMemory memory)
    {
        // Roles and countries arrive as UTF-8 (as they would from a database or a request body). Known values come back
        // from the compile-time tables as their constants; anything else goes to the runtime interner (GetOrAdd), so
        // each distinct value is one shared string instead of one new string per user.
        All = Enumerable.Range(1, 200).Select(id => new User(
            id,
            $"user{id}@example.com",
            Roles.GetOrAdd(Encoding.UTF8.GetBytes(RoleCycle[id % RoleCycle.Length])),
            memory.Interner.InternUtf8(Encoding.UTF8.GetBytes(CountryCycle[id % CountryCycle.Length])))).ToArray();
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
public sealed partial record User(
    int Id,
    string Email,
    [property: Interned(typeof(Roles))] string Role,
    [property: Interned(typeof(Countries))] string Country);

/// <summary>What POST /reports answers.</summary>
[VelithonJson]
public sealed partial record QueueReceipt(string Report, int Queued);
