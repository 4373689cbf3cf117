namespace TiersLieux.Contracts.Training;

/// <summary>
/// A learner completed a course (attended the required share of its hours). Equipment grants the qualifications the
/// course confers; the directory counts training hours. Published by training (issue 7); written here first so
/// equipment can consume it. Namespace and name are the message's identity: never rename; add optional members only.
/// </summary>
/// <param name="PlaceId">Where the course was given; null for a network-wide course.</param>
/// <param name="QualificationCodes">The qualification codes the course confers (machine safety courses); may be empty.</param>
/// <param name="CertificateCode">The certificate's public code (GET /api/training/certificates/{code}); null from publishers of before.</param>
public sealed record TrainingCompleted(
    Guid EnrolmentId,
    Guid MemberId,
    Guid CourseId,
    string CourseTitle,
    Guid? PlaceId,
    IReadOnlyList<string> QualificationCodes,
    decimal Hours,
    DateTimeOffset CompletedAt,
    string? CertificateCode = null);
