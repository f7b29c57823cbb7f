//! Career-framework markdown pages → a framework.
