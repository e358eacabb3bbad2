-- AlterEnum
ALTER TYPE "DashboardWidgetChartType" ADD VALUE 'NUMBER';
