#pragma once

// Numbers as CSV, for import and export: number,client,label,enabled rows (RFC 4180 quoting, comma or
// semicolon), checked row by row before anything is written, so that a preview can name every bad row.

#include "core/common/Result.h"
#include "core/store/NumberStore.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Store {

struct NumberCsvRow
{
    int line = 0; // the line of the file the row starts on, from 1
    NumberMapping mapping; // as written; e164 holds the number in the file's form until check()
    QString problem; // empty when the row can be imported
};

class NumberCsv
{
public:
    static constexpr qint64 maxBytes = 64 * 1024 * 1024;

    // The rows of data. A first row naming the columns (number, client, label, enabled, in any order) is
    // read as a header; without one the columns are in that order. Fails as a whole only when data is no
    // CSV text at all: too big, not UTF-8, a quote left open. Rows with a problem of their own say so.
    static Result<QList<NumberCsvRow>> read(const QByteArray &data);

    // Sets each row's problem: a number that does not parse, one given twice, one mapped already, a client
    // not in clientNames. Numbers that pass are rewritten to E.164. Returns the rows with a problem.
    static int check(QList<NumberCsvRow> &rows, const NumberStore &store, const QStringList &clientNames);

    // With a header row; a label that a spreadsheet would run as a formula gets a leading apostrophe,
    // which read() takes off again.
    static QByteArray write(const QList<NumberMapping> &mappings);
};

} // namespace Store
