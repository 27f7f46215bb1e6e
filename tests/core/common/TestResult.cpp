#include "core/common/Result.h"

#include <QProcess>
#include <QTest>

#include <memory>
#include <optional>
#include <type_traits>

// What makes Result hard to misuse is checked where it is decided: at compile time.
static_assert(std::is_convertible_v<int, Result<int>>, "a value converts to a Result");
static_assert(std::is_convertible_v<Failure, Result<int>>, "a Failure converts to a Result");
static_assert(std::is_convertible_v<Failure, Result<void>>, "a Failure converts to a Result<void>");
static_assert(!std::is_convertible_v<QString, Failure>,
              "a string is never silently a failure: Result<QString> would not know which it is");
static_assert(!std::is_convertible_v<Result<int>, bool>, "a Result tests as bool only explicitly");
static_assert(!std::is_default_constructible_v<Result<int>>, "a Result<T> has either a value or a reason");
static_assert(std::is_default_constructible_v<Result<void>>, "`return {};` is how Result<void> succeeds");

namespace {

struct Pair
{
    QString name;
    int number = 0;
};

Result<int> half(int n)
{
    if (n % 2 != 0)
        return Failure(QStringLiteral("%1 is odd: give an even number").arg(n));
    return n / 2;
}

Result<void> checkEven(int n)
{
    if (const auto halved = half(n); !halved)
        return Failure(halved.error());
    return {};
}

} // namespace

class TestResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aValueIsASuccess()
    {
        const Result<int> result = half(8);
        QVERIFY(result.isOk());
        QVERIFY(bool(result));
        QCOMPARE(result.value(), 4);
        QCOMPARE(*result, 4);
        QVERIFY(result.error().isEmpty());
    }

    void aFailureCarriesItsSentence()
    {
        const Result<int> result = half(7);
        QVERIFY(!result.isOk());
        QVERIFY(!result);
        QCOMPARE(result.error(), QStringLiteral("7 is odd: give an even number"));
    }

    // A QString is the value of a Result<QString>, even an empty one; only Failure makes a failure.
    void aStringResultTellsValueFromFailure()
    {
        const Result<QString> empty = QString();
        QVERIFY(empty.isOk());
        QVERIFY(empty->isNull());

        const Result<QString> failed = Failure(QStringLiteral("no name given"));
        QVERIFY(!failed);
        QCOMPARE(failed.error(), QStringLiteral("no name given"));
    }

    void convertsFromWhatConstructsTheValue()
    {
        const Result<QString> fromLiteral = QStringLiteral("alice");
        QCOMPARE(*fromLiteral, QStringLiteral("alice"));

        const Result<std::optional<int>> nothing = std::nullopt;
        QVERIFY(nothing.isOk());
        QVERIFY(!nothing->has_value());

        const Result<Pair> pair = Pair { QStringLiteral("bob"), 2 };
        QCOMPARE(pair->name, QStringLiteral("bob"));
        QCOMPARE(pair->number, 2);
    }

    void aMoveOnlyValueMovesOut()
    {
        Result<std::unique_ptr<int>> result = std::make_unique<int>(42);
        QVERIFY(result);
        const std::unique_ptr<int> taken = std::move(result).value();
        QVERIFY(taken);
        QCOMPARE(*taken, 42);
    }

    void theValueCanBeChangedInPlace()
    {
        Result<QStringList> names = QStringList { QStringLiteral("alice") };
        names->append(QStringLiteral("bob"));
        names.value().append(QStringLiteral("carol"));
        QCOMPARE(names->size(), 3);
    }

    void voidSucceedsEmptyAndFailsWithASentence()
    {
        const Result<void> ok = checkEven(4);
        QVERIFY(ok.isOk());
        QVERIFY(ok.error().isEmpty());

        const Result<void> failed = checkEven(3);
        QVERIFY(!failed);
        QCOMPARE(failed.error(), QStringLiteral("3 is odd: give an even number"));
    }

    void assignmentReplacesTheOutcome()
    {
        Result<int> result = half(3);
        QVERIFY(!result);
        result = half(6);
        QVERIFY(result);
        QCOMPARE(*result, 3);
        QVERIFY(result.error().isEmpty());

        Result<void> done;
        QVERIFY(done);
        done = checkEven(1);
        QVERIFY(!done);
    }

    // Reading the value of a failure is a bug: value() stops the program and says which failure it was.
    // The helper is built with assertions forced on, so this holds in release builds too; it runs in its
    // own process so that stopping does not stop this test.
    void valueOfAFailureStopsWithItsReason()
    {
        QProcess helper;
        helper.start(QStringLiteral(RESULT_VALUE_OF_FAILURE), {});
        QVERIFY(helper.waitForFinished());
        QCOMPARE(helper.exitStatus(), QProcess::NormalExit); // the helper leaves on the fatal message
        QCOMPARE(helper.exitCode(), 3);
        const QString said = QString::fromUtf8(helper.readAllStandardError());
        QVERIFY2(said.contains(QStringLiteral("Result::value() of a failure")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("the reason that was ignored")), qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("value read")), qPrintable(said));
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "TestResult.moc"
