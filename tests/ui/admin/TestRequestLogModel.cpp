#include "core/routing/WebhookPaths.h"
#include "ui/admin/RequestLogModel.h"

#include "tests/support/MarkupLabels.h"

#include <QAbstractItemModelTester>
#include <QTest>

using Admin::RequestLogModel;

namespace {

Server::RequestRecord request(const QString &callSid, int status, const QString &from = {})
{
    Server::RequestRecord record;
    record.time = QDateTime(QDate(2026, 11, 24), QTime(20, 1, 2, 345));
    record.method = "POST";
    record.route = Routing::WebhookPaths::incoming();
    record.peer = "127.0.0.1";
    record.parameters = { { "CallSid", callSid } };
    if (!from.isEmpty())
        record.parameters.append("From", from);
    record.signature = status == 403 ? "invalid" : "valid";
    record.status = status;
    record.latencyMicroseconds = 1250;
    return record;
}

} // namespace

class TestRequestLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEachRequestInOneRow()
    {
        RequestLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(request("CA1", 200, "+819059876543"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(RequestLogModel::ColumnCount));
        const auto cell = [&model](int column) { return model.index(0, column).data().toString(); };
        QCOMPARE(cell(RequestLogModel::Time),
                 QDateTime(QDate(2026, 11, 24), QTime(20, 1, 2, 345)).toLocalTime().toString("hh:mm:ss.zzz"));
        QCOMPARE(cell(RequestLogModel::Route), QString("POST /voice/incoming"));
        QCOMPARE(cell(RequestLogModel::Caller), QString("+819059876543"));
        QCOMPARE(cell(RequestLogModel::Verdict), QString("valid"));
        QCOMPARE(cell(RequestLogModel::Status), QString("200"));
        QCOMPARE(cell(RequestLogModel::Latency), QString("1.3 ms"));
        QVERIFY(!model.index(0, RequestLogModel::Status).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.headerData(RequestLogModel::Verdict, Qt::Horizontal).toString(), QString("Signature"));
    }

    void outcomesShowAsTheyAre()
    {
        using MarkupLabels::markup;
        RequestLogModel model;
        Server::RequestRecord record = request("CA1", 200);
        record.outcome = "refused: the called number is not valid (" + markup + ")";
        model.append(record);
        QCOMPARE(MarkupLabels::toolTipAsShown(model.index(0, 0).data(Qt::ToolTipRole).toString()),
                 record.outcome);
    }

    void callerFallsBackToThePeer()
    {
        RequestLogModel model;
        model.append(request("CA1", 200));
        QCOMPARE(model.index(0, RequestLogModel::Caller).data().toString(), QString("127.0.0.1"));
    }

    void newestFirstAndCapped()
    {
        RequestLogModel model(nullptr, 3);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int index = 1; index <= 5; ++index)
            model.append(request(QString("CA%1").arg(index), index == 5 ? 403 : 200));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.record(0).parameters.value("CallSid"), QString("CA5"));
        QCOMPARE(model.record(2).parameters.value("CallSid"), QString("CA3"));
        QVERIFY(model.index(0, RequestLogModel::Status).data(Qt::ForegroundRole).isValid());
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    // A client may send the largest body the server takes (64 KiB) a thousand times: the inspector keeps a
    // few KiB of each, says what it cut, and stays under its total.
    void keepsAFewKiBOfEachRequestMarkedAsCut()
    {
        RequestLogModel model;
        Server::RequestRecord large = request("CAlarge", 200, "+819059876543");
        large.parameters.append("Digits", QString(60 * 1024, u'7'));
        large.parameters.append("After", "x");
        large.response = "<Response><Say>" + QByteArray(60 * 1024, 'a') + "</Say></Response>";
        model.append(large);

        const Server::RequestRecord &kept = model.record(0);
        QVERIFY(kept.response.size() < RequestLogModel::maxKeptBytes + 100);
        QVERIFY(kept.response.startsWith("<Response><Say>aaa"));
        QVERIFY2(kept.response.endsWith("[cut: 57376 more bytes were not kept]"),
                 kept.response.right(60).constData());
        qsizetype parameterBytes = 0;
        for (const auto &[name, value] : kept.parameters.pairs())
            if (name != RequestLogModel::cutMarker)
                parameterBytes += name.size() + value.size();
        QVERIFY(parameterBytes <= RequestLogModel::maxKeptBytes);
        QCOMPARE(kept.parameters.value("CallSid"), QString("CAlarge")); // the first ones are whole
        QCOMPARE(kept.parameters.value("From"), QString("+819059876543"));
        QVERIFY(kept.parameters.value("Digits").startsWith("777"));
        QVERIFY(!kept.parameters.contains("After"));
        QVERIFY2(kept.parameters.value(RequestLogModel::cutMarker)
                     .contains("more bytes of parameters were not kept"),
                 qPrintable(kept.parameters.value(RequestLogModel::cutMarker)));

        // Small requests are kept whole, with no marker.
        model.append(request("CAsmall", 200, "+819059876543"));
        QCOMPARE(model.record(0).parameters, request("CAsmall", 200, "+819059876543").parameters);
        QVERIFY(!model.record(0).parameters.contains(RequestLogModel::cutMarker));
    }

    void theTotalIsBounded()
    {
        RequestLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Server::RequestRecord large = request("CAlarge", 200);
        large.parameters.append("Body", QString(64 * 1024, u'b'));
        large.response = QByteArray(64 * 1024, 'r');
        for (int index = 0; index < RequestLogModel::defaultCapacity; ++index)
            model.append(large);
        QVERIFY2(model.totalBytes() <= model.maxTotalBytes(),
                 qPrintable(QString::number(model.totalBytes())));
        QVERIFY(model.rowCount()
                < RequestLogModel::defaultCapacity); // the bytes, not the rows, bound it here
        QVERIFY(model.rowCount() > 100);
        qint64 counted = 0;
        for (int row = 0; row < model.rowCount(); ++row)
            counted += RequestLogModel::bytes(model.record(row));
        QCOMPARE(counted, model.totalBytes());
        model.clear();
        QCOMPARE(model.totalBytes(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRequestLogModel)
#include "TestRequestLogModel.moc"
