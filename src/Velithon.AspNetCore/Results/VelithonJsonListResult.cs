using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Velithon.AspNetCore;

/// <summary>
/// An <see cref="IResult"/> that writes a list of <c>[VelithonJson]</c> values as one JSON array into
/// <see cref="HttpResponse.BodyWriter"/>. Lists whose estimated output (first item's size times the count) reaches
/// <see cref="VelithonJsonResultOptions.ParallelThreshold"/> are rendered in parallel chunks into pooled buffers and
/// written in order; the bytes are the same as a sequential rendering. Create it with
/// <see cref="VelithonResults.Json{T}(IReadOnlyList{T}, int, string?, VelithonJsonOptions?)"/>.
/// </summary>
/// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
public sealed class VelithonJsonListResult<T> : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<IReadOnlyList<T>>, IEndpointMetadataProvider
    where T : IVelithonJson<T>
{
    private readonly VelithonJsonOptions? _jsonOptions;

    internal VelithonJsonListResult(IReadOnlyList<T>? value, int statusCode, string? contentType, VelithonJsonOptions? jsonOptions)
    {
        Value = value;
        StatusCode = statusCode;
        ContentType = contentType ?? ResultContext.JsonContentType;
        _jsonOptions = jsonOptions;
    }

    /// <summary>Gets the list written; <see langword="null"/> writes <c>null</c>.</summary>
    public IReadOnlyList<T>? Value { get; }

    /// <summary>Gets the status code (default 200).</summary>
    public int StatusCode { get; }

    /// <summary>Gets the content type (default <c>application/json; charset=utf-8</c>).</summary>
    public string ContentType { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    object? IValueHttpResult.Value => Value;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        VelithonJsonResultOptions options = ResultContext.Options(httpContext);
        HttpResponse response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;

        long start = Stopwatch.GetTimestamp();
        PipeWriter body = response.BodyWriter;
        if (Value is null)
        {
            body.Write("null"u8);
            ResultContext.AddServerTiming(response, options, start, parallel: false);
            await body.FlushAsync(httpContext.RequestAborted);
            return;
        }

        VelithonJsonOptions json = _jsonOptions ?? options.JsonOptions ?? VelithonJsonOptions.Default;
        Velithon.Json.VelithonJsonContract.EnsureWritable<T>(json);
        ResultContext.EnsureCompact<T>("VelithonJsonListResult<T>");
        ParallelListRendering<T>? rendering;
        using (var deferred = new DeferredCommitWriter(body, ResultContext.Pool(httpContext)))
        {
            try
            {
                rendering = JsonListRenderer.Render(
                    Value,
                    deferred,
                    json,
                    options.ParallelThreshold,
                    options.MaxDegreeOfParallelism,
                    options.TargetChunkBytes,
                    ResultContext.Pool(httpContext));
                deferred.Commit();
            }
            catch
            {
                ResultContext.AbortIfCommitted(httpContext, deferred);
                throw;
            }
        }

        using ParallelListRendering<T>? chunks = rendering;
        ResultContext.AddServerTiming(response, options, start, parallel: chunks is not null);
        if (chunks is not null)
        {
            await chunks.CopyToAsync(body, httpContext.RequestAborted);
        }

        await body.FlushAsync(httpContext.RequestAborted);
    }

    /// <inheritdoc />
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(IReadOnlyList<T>), ["application/json"]));
    }
}
