namespace Maas.Errors;

/// <summary>What went wrong, independent of protocol; see API.md "Errors" for the HTTP mapping.</summary>
public enum ErrorKind
{
    /// <summary>400: malformed or mismatched input.</summary>
    InvalidInput,

    /// <summary>401: no key or an unknown key.</summary>
    Unauthenticated,

    /// <summary>403: the key lacks the scope or the model grant.</summary>
    Forbidden,

    /// <summary>404: unknown model, version or alias.</summary>
    NotFound,

    /// <summary>409: a conflicting state, such as deleting a version an alias points at.</summary>
    Conflict,

    /// <summary>413: a body over the limit.</summary>
    TooLarge,

    /// <summary>415: a media type the route cannot read.</summary>
    UnsupportedMediaType,

    /// <summary>422: an artifact that is not a valid model.</summary>
    InvalidModel,

    /// <summary>429: rate limit or full queue.</summary>
    TooManyRequests,

    /// <summary>503: model not ready, or the server is draining.</summary>
    Unavailable,

    /// <summary>507: the data folder has no room for an upload.</summary>
    InsufficientStorage,
}
