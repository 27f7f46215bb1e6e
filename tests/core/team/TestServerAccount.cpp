#include "core/team/ServerAccount.h"

#include <QTest>

using Team::ServerAccount;

class TestServerAccount : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void problems_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("client");
        QTest::addColumn<QByteArray>("secret");
        QTest::addColumn<QString>("problem"); // empty: none
        QTest::newRow("https") << "https://switchboard.example.com"
                               << "carol" << QByteArray("s") << "";
        QTest::newRow("https under a path") << "https://example.com/switchboard/"
                                            << "carol" << QByteArray("s") << "";
        QTest::newRow("http here") << "http://127.0.0.1:8080"
                                   << "carol" << QByteArray("s") << "";
        QTest::newRow("http localhost") << "http://localhost:8080"
                                        << "carol" << QByteArray("s") << "";
        QTest::newRow("http elsewhere") << "http://switchboard.example.com"
                                        << "carol" << QByteArray("s") << "must use https";
        QTest::newRow("no scheme") << "switchboard.example.com"
                                   << "carol" << QByteArray("s") << "http or https URL";
        QTest::newRow("ftp") << "ftp://example.com"
                             << "carol" << QByteArray("s") << "http or https URL";
        QTest::newRow("user in URL") << "https://carol:pw@example.com"
                                     << "carol" << QByteArray("s") << "no user name";
        QTest::newRow("no client") << "https://example.com"
                                   << "" << QByteArray("s") << "client name is missing";
        QTest::newRow("bad client") << "https://example.com"
                                    << "ca rol" << QByteArray("s") << "'ca rol'";
        QTest::newRow("no secret") << "https://example.com"
                                   << "carol" << QByteArray() << "secret is missing";
    }

    void problems()
    {
        QFETCH(QString, url);
        QFETCH(QString, client);
        QFETCH(QByteArray, secret);
        QFETCH(QString, problem);
        const QStringList problems = ServerAccount { QUrl(url), client, secret }.problems();
        if (problem.isEmpty())
            QCOMPARE(problems, QStringList());
        else
            QVERIFY2(problems.join('\n').contains(problem), qPrintable(problems.join('\n')));
    }

    void requestsCarryTheClientOnly()
    {
        const ServerAccount account { QUrl("https://example.com/switchboard/"), "carol", "s3cret:x" };
        const QNetworkRequest request = account.request("/calls?limit=2&before=17-4");
        QCOMPARE(request.url().toString(),
                 QString("https://example.com/switchboard/calls?limit=2&before=17-4"));
        QCOMPARE(request.rawHeader("Authorization"), "Basic " + QByteArray("carol:s3cret:x").toBase64());
        QCOMPARE(request.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(),
                 int(QNetworkRequest::ManualRedirectPolicy));
        QVERIFY(request.transferTimeout() > 0);
    }
};

QTEST_GUILESS_MAIN(TestServerAccount)
#include "TestServerAccount.moc"
