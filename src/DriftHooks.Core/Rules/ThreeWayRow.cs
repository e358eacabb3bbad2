namespace DriftHooks.Core.Rules;

/// <summary>One migration of the three-way picture: its state in the repository, the local database and production.</summary>
internal sealed record ThreeWayRow(string Name, RepositoryState Repository, PlaceState Local, PlaceState Production);
