using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Nexus.Shared.Application;

namespace Nexus.IntegrationTests.SubApps;

/// <summary>After-commit work runs once the changes are durable, and never for changes that did not commit.</summary>
internal sealed class AfterCommitTests
{
    private SqliteConnection connection = null!;
    private AfterCommit afterCommit = null!;

    [SetUp]
    public void OpenDatabase()
    {
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        afterCommit = new AfterCommit(NullLogger<AfterCommit>.Instance);
        using var context = NewContext();
        context.Database.EnsureCreated();
    }

    [TearDown]
    public void CloseDatabase() => connection.Dispose();

    private NotesContext NewContext() =>
        new(new DbContextOptionsBuilder<NotesContext>().UseSqlite(connection).AddInterceptors(afterCommit).Options);

    [Test]
    public async Task Work_runs_after_the_save_commits_and_sees_the_committed_row()
    {
        await using var context = NewContext();
        var seen = -1;
        context.Notes.Add(new Note { Id = 1, Text = "a" });
        afterCommit.Enqueue(context, async ct =>
        {
            await using var other = NewContext();
            seen = await other.Notes.CountAsync(ct);
        });

        await context.SaveChangesAsync();

        seen.Should().Be(1);
    }

    [Test]
    public async Task A_failed_save_drops_the_work()
    {
        await using (var first = NewContext())
        {
            first.Notes.Add(new Note { Id = 1, Text = "a" });
            await first.SaveChangesAsync();
        }

        await using var context = NewContext();
        var ran = 0;
        context.Notes.Add(new Note { Id = 1, Text = "duplicate" });
        afterCommit.Enqueue(context, _ => Task.FromResult(++ran));

        await FluentActions.Awaiting(() => context.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>();
        context.ChangeTracker.Clear();
        context.Notes.Add(new Note { Id = 2, Text = "b" });
        await context.SaveChangesAsync();

        ran.Should().Be(0, "the work belonged to the save that failed");
    }

    [Test]
    public async Task Inside_an_explicit_transaction_the_work_waits_for_the_commit_and_a_rollback_drops_it()
    {
        await using var context = NewContext();
        var ran = 0;
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            context.Notes.Add(new Note { Id = 1, Text = "a" });
            afterCommit.Enqueue(context, _ => Task.FromResult(++ran));
            await context.SaveChangesAsync();
            ran.Should().Be(0, "saved, not yet committed");
            await transaction.CommitAsync();
        }

        ran.Should().Be(1);

        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            context.Notes.Add(new Note { Id = 2, Text = "b" });
            afterCommit.Enqueue(context, _ => Task.FromResult(++ran));
            await context.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        context.ChangeTracker.Clear();
        context.Notes.Add(new Note { Id = 3, Text = "c" });
        await context.SaveChangesAsync();
        ran.Should().Be(1, "the rolled-back work never runs, not even at a later commit");
    }

    private sealed class Note
    {
        public int Id { get; set; }

        public string Text { get; set; } = string.Empty;
    }

    private sealed class NotesContext(DbContextOptions<NotesContext> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();
    }
}
