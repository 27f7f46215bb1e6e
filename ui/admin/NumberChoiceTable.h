#pragma once

// The account's numbers, to choose from when connecting it: each with where its calls go now, a check box
// for "this server answers it" and the client it is to ring. A number already pointing here starts checked.

#include "core/setup/RemoteResource.h"
#include "core/setup/SetupPlan.h"

#include <QTableWidget>

namespace Admin {

class NumberChoiceTable : public QTableWidget
{
    Q_OBJECT

public:
    explicit NumberChoiceTable(QWidget *parent = nullptr);

    // clients: the client names a number may ring; defaultClient is offered first. ourUrl: this server's
    // incoming webhook, to say which numbers point here already.
    void setNumbers(const QList<Setup::RemoteResource> &numbers, const QStringList &clients,
                    const QString &defaultClient, const QString &ourUrl);
    QList<Setup::NumberChoice> chosen() const;
    // For tests and people alike: check or uncheck the row of e164.
    void choose(const QString &e164, bool answered, const QString &client = {});

private:
    int rowOf(const QString &e164) const;
};

} // namespace Admin
