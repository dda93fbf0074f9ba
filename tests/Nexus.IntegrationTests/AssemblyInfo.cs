// Each fixture owns its host, data folder and database, so fixtures run in parallel (2 cores: 2 at a time).
[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
