using Microsoft.AspNetCore.Http;

namespace Velithon.AspNetCore;

/// <summary><c>Results.Extensions.VelithonJson(...)</c>: the <see cref="VelithonResults"/> JSON results beside ASP.NET's own.</summary>
public static class VelithonResultsExtensions
{
    /// <summary>Writes one <c>[VelithonJson]</c> value as JSON (see <see cref="VelithonResults.Json{T}(T, int, string?, VelithonJsonOptions?)"/>).</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="extensions"><c>Results.Extensions</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="statusCode">The status code.</param>
    /// <returns>The result.</returns>
    public static VelithonJsonResult<T> VelithonJson<T>(this IResultExtensions extensions, T value, int statusCode = StatusCodes.Status200OK)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(extensions);
        return VelithonResults.Json(value, statusCode);
    }

    /// <summary>Writes a list of <c>[VelithonJson]</c> values as a JSON array (see <see cref="VelithonResults.Json{T}(IReadOnlyList{T}, int, string?, VelithonJsonOptions?)"/>).</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="extensions"><c>Results.Extensions</c>.</param>
    /// <param name="values">The list.</param>
    /// <param name="statusCode">The status code.</param>
    /// <returns>The result.</returns>
    public static VelithonJsonListResult<T> VelithonJson<T>(this IResultExtensions extensions, IReadOnlyList<T>? values, int statusCode = StatusCodes.Status200OK)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(extensions);
        return VelithonResults.Json(values, statusCode);
    }

    /// <summary>Streams a sequence as a JSON array or NDJSON (see <see cref="VelithonResults.JsonBatch{T}(IEnumerable{T}, int, VelithonJsonOptions?)"/>).</summary>
    /// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
    /// <param name="extensions"><c>Results.Extensions</c>.</param>
    /// <param name="items">The items.</param>
    /// <param name="chunkSize">Items per flush.</param>
    /// <returns>The result.</returns>
    public static VelithonJsonBatchResult<T> VelithonJsonBatch<T>(this IResultExtensions extensions, IEnumerable<T> items, int chunkSize = VelithonResults.DefaultChunkSize)
        where T : IVelithonJson<T>
    {
        ArgumentNullException.ThrowIfNull(extensions);
        return VelithonResults.JsonBatch(items, chunkSize);
    }
}
