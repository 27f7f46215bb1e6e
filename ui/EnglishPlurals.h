#pragma once

// English plural forms for tr("%n number(s)", nullptr, n): Qt leaves "(s)" as written unless a
// translation supplies the forms, so this translator supplies them ("1 number", "2 numbers") without a
// .qm file to build and ship. Install it once, before any window is made.

#include <QTranslator>

namespace Ui {

class EnglishPlurals : public QTranslator
{
    Q_OBJECT

public:
    using QTranslator::QTranslator;

    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
};

} // namespace Ui
