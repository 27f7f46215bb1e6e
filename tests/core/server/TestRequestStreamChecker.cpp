#include "core/server/RequestStreamChecker.h"

#include <QTest>

using Server::HttpLimits;
using Server::RequestStreamChecker;

class TestRequestStreamChecker : public QObject
{
    Q_OBJECT

private:
    // Feeds bytes in pieces of the given size; returns the status of the first violation, or 0.
    static int feedInPieces(RequestStreamChecker &checker, const QByteArray &bytes, qsizetype piece)
    {
        for (qsizetype i = 0; i < bytes.size(); i += piece) {
            if (const auto violation
                = checker.feed(QByteArrayView(bytes).sliced(i, qMin(piece, bytes.size() - i))))
                return violation->status;
        }
        return 0;
    }

private Q_SLOTS:
    void framesRequestsHoweverTheBytesArrive_data()
    {
        QTest::addColumn<int>("piece");
        QTest::newRow("byte by byte") << 1;
        QTest::newRow("7 at a time") << 7;
        QTest::newRow("all at once") << 4096;
    }

    void framesRequestsHoweverTheBytesArrive()
    {
        QFETCH(int, piece);
        const QByteArray stream = "\r\nPOST /a HTTP/1.1\r\nHost: x\r\ncontent-length:  3 \r\n\r\nabc"
                                  "GET /b?c=d HTTP/1.0\r\n\r\n\r\n"
                                  "PUT /c HTTP/1.1\r\nContent-Length: 0\r\nX-Obs: caf\xc3\xa9\t\r\n\r\n";
        RequestStreamChecker checker { HttpLimits() };
        QVERIFY(checker.isIdle());
        QCOMPARE(feedInPieces(checker, stream, piece), 0);
        QCOMPARE(checker.completedRequests(), 3);
        QVERIFY(checker.isIdle());

        QCOMPARE(feedInPieces(checker, "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nab", piece), 0);
        QVERIFY(!checker.isIdle());
        QCOMPARE(checker.pendingBodyBytes(), 3);
        checker.skipBody(3);
        QVERIFY(checker.isIdle());
        QCOMPARE(checker.completedRequests(), 4);
    }

    void catchesABareLineFeedBeforeTheHeadEnds()
    {
        // QHttpServer would already act on this head; the guard must not wait for a CRLF CRLF.
        RequestStreamChecker checker { HttpLimits() };
        const auto violation = checker.feed("GET / HTTP/1.1\r\nHost: x\n");
        QVERIFY(violation);
        QCOMPARE(violation->status, 400);
    }

    void countsBlankLinesAgainstTheHeadLimit()
    {
        // QHttpServer buffers blank lines until the next request is complete: endless ones are refused.
        RequestStreamChecker checker { HttpLimits() };
        QCOMPARE(feedInPieces(checker, QByteArray("\r\n").repeated(8 * 1024), 4096), 0);
        QVERIFY(checker.isIdle());
        QCOMPARE(feedInPieces(checker, "\r\n", 2), 431);
    }

    void enforcesLimitsAtTheirBoundaries_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        HttpLimits limits;
        const QByteArray start = "GET / HTTP/1.1\r\nX: ";
        const qsizetype filler = limits.maxHeaderBytes - start.size() - 4;
        QTest::newRow("head at the cap") << start + QByteArray(filler, 'a') + "\r\n\r\n" << 0;
        QTest::newRow("head one byte over") << start + QByteArray(filler + 1, 'a') + "\r\n\r\n" << 431;

        QByteArray fields = "GET / HTTP/1.1\r\n";
        for (int i = 0; i < limits.maxHeaderFields; ++i)
            fields += "F" + QByteArray::number(i) + ": v\r\n";
        QTest::newRow("fields at the cap") << fields + "\r\n" << 0;
        QTest::newRow("one field over") << fields + "G: v\r\n\r\n" << 431;

        const QByteArray cap = QByteArray::number(limits.maxBodyBytes);
        QTest::newRow("body at the cap") << "POST / HTTP/1.1\r\nContent-Length: " + cap + "\r\n\r\n" << 0;
        QTest::newRow("body one byte over") << "POST / HTTP/1.1\r\nContent-Length: "
                + QByteArray::number(limits.maxBodyBytes + 1)
                + "\r\n\r\n" << 413;
        QTest::newRow("leading zeros") << QByteArray("POST / HTTP/1.1\r\nContent-Length: 0007\r\n\r\n") << 0;
    }

    void enforcesLimitsAtTheirBoundaries()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        RequestStreamChecker checker { HttpLimits() };
        QCOMPARE(feedInPieces(checker, request, 1), status);
    }
};

QTEST_GUILESS_MAIN(TestRequestStreamChecker)
#include "TestRequestStreamChecker.moc"
