using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Reflection;
using Microsoft.AspNetCore.Builder;

namespace Velithon.AspNetCore;

/// <summary>
/// An <see cref="IResult"/> that writes one <c>[VelithonJson]</c> value through its generated serializer straight
/// into <see cref="HttpResponse.BodyWriter"/>, with no intermediate array. Create it with
/// <see cref="VelithonResults.Json{T}(T, int, string?, VelithonJsonOptions?)"/>.
/// </summary>
/// <typeparam name="T">A <c>[VelithonJson]</c> type.</typeparam>
public sealed class VelithonJsonResult<T> : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
    where T : IVelithonJson<T>
{
    private readonly VelithonJsonOptions? _jsonOptions;

    internal VelithonJsonResult(T value, int statusCode, string? contentType, VelithonJsonOptions? jsonOptions)
    {
        Value = value;
        StatusCode = statusCode;
        ContentType = contentType ?? ResultContext.JsonContentType;
        _jsonOptions = jsonOptions;
    }

    /// <summary>Gets the value written.</summary>
    public T Value { get; }

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

        // The bytes stay in the pipe until the flush below, so the render time can still go into a header.
        using (var deferred = new DeferredCommitWriter(body, ResultContext.Pool(httpContext)))
        {
            try
            {
                VelithonJson.Serialize(Value, deferred, _jsonOptions ?? options.JsonOptions);
                deferred.Commit();
            }
            catch
            {
                ResultContext.AbortIfCommitted(httpContext, deferred);
                throw;
            }
        }

        ResultContext.AddServerTiming(response, options, start, parallel: false);
        await body.FlushAsync(httpContext.RequestAborted);
    }

    /// <inheritdoc />
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
}
